#pragma once
// How hard a generated data set is, measured by trivial baselines on per-frame action labels
// (segmentation, background included), per task, trained on the train split and scored on the
// test split (validation when a task has no test video):
//   majority       predicts the task's most frequent training label for every frame;
//   colour_nn      nearest training frame by a 4x4x4 colour histogram (L1), every 3rd frame.
// Later learning results should clearly beat both. Frames are decoded from the MP4 files
// (OpenCV's FFmpeg backend), labels read from ground_truth/<id>.json.
// Threading: runs on the calling thread.

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"

namespace actbert::synth {

struct TaskBaseline {
    std::string task_key;
    int train_videos = 0;
    int eval_videos = 0;
    int eval_frames = 0;
    int classes = 0;        // distinct labels in the task's training frames
    double majority = 0.0;  // frame accuracy in [0, 1]
    double colour_nn = 0.0;
};

struct BaselineReport {
    std::vector<TaskBaseline> tasks;   // tasks with at least one training and one eval video
    std::vector<std::string> skipped;  // task keys without both
    int eval_frames = 0;
    double majority = 0.0;  // frame-weighted over tasks
    double colour_nn = 0.0;
};

// Throws actbert::Error naming the file for a missing or malformed data set.
BaselineReport computeBaselines(const std::filesystem::path& dir, const ProgressFn& progress,
                                const CancelToken& cancel);

// A printable table.
std::vector<std::string> formatBaselines(const BaselineReport& report);

}  // namespace actbert::synth
