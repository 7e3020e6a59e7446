#pragma once
// The generator's entry point: plans, renders, narrates and encodes N videos and writes their
// ground truth and the data-set files (see ground_truth_writer.h, dataset_files_writer.h).
// Output folder layout: videos/<id>.mp4 + videos/<id>.srt, ground_truth/<id>.json,
// howto100m/<id>.csv, and the data-set files at the top.
// Same settings and seed give byte-identical ground truth and identical decoded frames.
// Threading: runs on the calling thread; call from a worker, not the GUI thread. Cancel from
// any thread through the token; a cancelled or failed run leaves no partial video file.

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/synth/synth_settings.h"

namespace actbert::synth {

struct GeneratedVideo {
    std::string video_id;
    std::string task_key;
    std::string split;  // train, validation, test
    std::filesystem::path video_path;
    std::filesystem::path ground_truth_path;
    std::filesystem::path subtitle_path;
    int frame_count = 0;
    double duration_s = 0.0;
};

// Writes the data set into `dir` (created if missing). Throws actbert::Error (bad settings,
// I/O, encoder problems) or actbert::Cancelled.
std::vector<GeneratedVideo> generateDataset(const SynthSettings& settings,
                                            const std::filesystem::path& dir,
                                            const ProgressFn& progress, const CancelToken& cancel);

}  // namespace actbert::synth
