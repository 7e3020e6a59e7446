#include "app/studio/studiosources.h"

#include <QCoreApplication>

#include "ui/player/decoderframesource.h"

namespace actbert::studio {

ui::FrameSourceOpener videoOpener() {
    return ui::DecoderFrameSource::opener();
}

QString missingFeatureMessage() {
    return QCoreApplication::translate(
        "main",
        "--demo needs the synthetic demo videos (core/synth), which this build does not "
        "have yet");
}

}  // namespace actbert::studio
