#pragma once
// What the studio executable plugs into the UI: the decoder-backed video opener.

#include <QString>

#include "ui/player/framesource.h"

namespace actbert::studio {

ui::FrameSourceOpener videoOpener();

}  // namespace actbert::studio
