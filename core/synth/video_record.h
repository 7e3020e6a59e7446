#pragma once
// Everything known about one generated video once it is written: its plan, per-frame boxes,
// texts, split and where its files are. The data-set files are built from these.
// Threading: plain values.

#include <filesystem>
#include <string>
#include <vector>

#include "core/synth/scene_renderer.h"
#include "core/synth/video_describer.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

enum class Split { Train, Validation, Test };

struct VideoRecord {
    VideoScript script;
    std::vector<std::vector<ObjectBox>> boxes;  // per frame
    std::string description;
    MultipleChoice question;
    Split split = Split::Train;
    std::string video_file;         // relative to the data-set folder: videos/<id>.mp4
    std::string subtitle_file;      // videos/<id>.srt
    std::string ground_truth_file;  // ground_truth/<id>.json
    std::string narration_file;     // howto100m/<id>.csv
};

}  // namespace actbert::synth
