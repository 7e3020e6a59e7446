#pragma once
// Per-frame action labels and the segments (runs of one label) that MS-TCN's metrics compare.
// Labels are plain integers; readers map label names to them. Pure functions, any thread.

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace actbert::eval {

// One video's per-frame labels (one per second for COIN), prediction and truth of equal length.
struct VideoLabels {
    std::string id;
    std::vector<int> predicted;
    std::vector<int> truth;
};

// A run of one label over frames [start, end).
struct LabelSegment {
    int label = 0;
    int start = 0;
    int end = 0;
};

// The runs of `labels` in order; runs of `background` are left out (MS-TCN's
// get_labels_start_end_time), so label A, background, A gives two segments of A.
std::vector<LabelSegment> labelSegments(std::span<const int> labels, std::optional<int> background);

}  // namespace actbert::eval
