#pragma once
// MS-TCN's segmental edit score: 1 - Levenshtein(predicted segments, true segments) /
// max(their counts), on the label sequence of the segments (background runs left out).
// Fractions in [0, 1] (MS-TCN prints x100). Pure functions, any thread.

#include <optional>
#include <span>

#include "core/eval/label_segments.h"

namespace actbert::eval {

// Both without any segment (e.g. all background, predicted all background) count as
// identical: 1. MS-TCN divides by zero there.
double editScore(std::span<const int> predicted, std::span<const int> truth,
                 std::optional<int> background);

// The mean over videos, as MS-TCN reports it. Videos without frames have nothing to compare
// and are left out of the mean; 0 when no video has a frame.
double meanEditScore(std::span<const VideoLabels> videos, std::optional<int> background);

}  // namespace actbert::eval
