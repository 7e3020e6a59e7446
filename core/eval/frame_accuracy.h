#pragma once
// Frame accuracy of action segmentation as COIN (and MMPT) report it: every frame of every
// video pooled, background frames included, so long videos weigh more than short ones.
// Pure functions, any thread.

#include <cstdint>
#include <span>

#include "core/eval/label_segments.h"

namespace actbert::eval {

struct FrameAccuracy {
    std::int64_t correct_frames = 0;
    std::int64_t total_frames = 0;
    // correct / total; 0 when there is no frame at all.
    double accuracy() const;
};

// Throws std::invalid_argument when a video's prediction and truth differ in length.
FrameAccuracy frameAccuracy(std::span<const int> predicted, std::span<const int> truth);
// Pooled over videos (not a mean of per-video accuracies).
FrameAccuracy frameAccuracy(std::span<const VideoLabels> videos);

}  // namespace actbert::eval
