#include "core/synth/synth_settings.h"

#include "core/common/error.h"
#include "core/synth/task_library.h"

namespace actbert::synth {

void validateSettings(const SynthSettings& settings, const TaskLibrary& library) {
    auto fail = [](const std::string& message) { throw Error("synth settings: " + message); };
    if (settings.video_count < 1 || settings.video_count > 100000) {
        fail("video count must be 1..100000, got " + std::to_string(settings.video_count));
    }
    if (settings.width < 64 || settings.width > 3840 || settings.height < 48 ||
        settings.height > 2160) {
        fail("size must be between 64x48 and 3840x2160, got " + std::to_string(settings.width) +
             "x" + std::to_string(settings.height));
    }
    if (settings.width % 2 != 0 || settings.height % 2 != 0) {
        fail("width and height must be even (H.264 4:2:0), got " + std::to_string(settings.width) +
             "x" + std::to_string(settings.height));
    }
    if (settings.fps < 1 || settings.fps > 120) {
        fail("fps must be 1..120, got " + std::to_string(settings.fps));
    }
    if (!(settings.difficulty >= 0.0 && settings.difficulty <= 1.0)) {
        fail("difficulty must be in [0, 1], got " + std::to_string(settings.difficulty));
    }
    if (settings.crf < 0 || settings.crf > 51) {
        fail("crf must be 0..51, got " + std::to_string(settings.crf));
    }
    for (const auto& key : settings.tasks) {
        if (!library.findTask(key)) {
            std::string known;
            for (const auto& task : library.tasks()) {
                known += (known.empty() ? "" : ", ") + task.key;
            }
            fail("unknown task '" + key + "' (known: " + known + ")");
        }
    }
}

}  // namespace actbert::synth
