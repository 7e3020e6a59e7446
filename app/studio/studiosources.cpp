#include "app/studio/studiosources.h"

#include "ui/player/decoderframesource.h"

namespace actbert::studio {

ui::FrameSourceOpener videoOpener() {
    return ui::DecoderFrameSource::opener();
}

}  // namespace actbert::studio
