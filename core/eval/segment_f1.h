#pragma once
// MS-TCN's F1@t: each predicted segment (in time order) is compared with the true segment of
// highest IoU, where a true segment of another label has IoU 0 and ties go to the earliest;
// it is a true positive when that IoU >= t and that true segment is not matched yet, else a
// false positive; unmatched true segments are false negatives. Counts are summed over videos
// before F1 = 2PR / (P + R). Background runs are no segments, so an all-background truth
// simply has no true segment (MS-TCN's code crashes there). Pure functions, any thread.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/eval/label_segments.h"

namespace actbert::eval {

inline constexpr std::array<double, 3> kF1Overlaps = {0.10, 0.25, 0.50};

struct SegmentMatches {
    std::int64_t true_positives = 0;
    std::int64_t false_positives = 0;
    std::int64_t false_negatives = 0;
    // 2PR / (P + R) in [0, 1]; 0 when P + R is 0 or undefined (MS-TCN's nan_to_num).
    double f1() const;
};

SegmentMatches segmentMatches(std::span<const int> predicted, std::span<const int> truth,
                              double overlap, std::optional<int> background);

// Counts summed over videos, then F1, for each of kF1Overlaps.
std::array<double, 3> f1AtOverlaps(std::span<const VideoLabels> videos,
                                   std::optional<int> background);

}  // namespace actbert::eval
