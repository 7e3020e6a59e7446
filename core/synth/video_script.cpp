#include "core/synth/video_script.h"

namespace actbert::synth {

int VideoScript::labelAt(int frame) const {
    for (const auto& step : steps) {
        if (frame >= step.start_frame && frame < step.end_frame) {
            return step.step_id;
        }
    }
    return 0;
}

}  // namespace actbert::synth
