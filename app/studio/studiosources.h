#pragma once
// What the studio executable plugs into the UI: the decoder-backed video opener, and the
// message for features this build does not have yet.

#include <QString>

#include "ui/player/framesource.h"

namespace actbert::studio {

ui::FrameSourceOpener videoOpener();
// Why --demo cannot run in this build.
QString missingFeatureMessage();

}  // namespace actbert::studio
