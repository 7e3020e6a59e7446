#include "core/eval/segment_f1.h"

#include <algorithm>
#include <vector>

namespace actbert::eval {

double SegmentMatches::f1() const {
    const double predicted = static_cast<double>(true_positives + false_positives);
    const double actual = static_cast<double>(true_positives + false_negatives);
    if (predicted == 0 || actual == 0) {
        return 0.0;
    }
    const double precision = true_positives / predicted;
    const double recall = true_positives / actual;
    return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

SegmentMatches segmentMatches(std::span<const int> predicted, std::span<const int> truth,
                              double overlap, std::optional<int> background) {
    const auto p = labelSegments(predicted, background);
    const auto y = labelSegments(truth, background);
    std::vector<bool> matched(y.size(), false);
    SegmentMatches counts;
    for (const auto& segment : p) {
        // IoU of disjoint segments is negative as MS-TCN computes it (intersection
        // min(end) - max(start) < 0 over the spanning union); it never reaches t > 0 either way.
        std::size_t best = 0;
        double best_iou = 0.0;
        for (std::size_t x = 0; x < y.size(); ++x) {
            double iou = 0.0;
            if (y[x].label == segment.label) {
                const double intersection =
                    std::min(segment.end, y[x].end) - std::max(segment.start, y[x].start);
                const double union_ =
                    std::max(segment.end, y[x].end) - std::min(segment.start, y[x].start);
                iou = intersection / union_;
            }
            if (x == 0 || iou > best_iou) {
                best = x;
                best_iou = iou;
            }
        }
        if (!y.empty() && best_iou >= overlap && !matched[best]) {
            matched[best] = true;
            ++counts.true_positives;
        } else {
            ++counts.false_positives;
        }
    }
    counts.false_negatives =
        static_cast<std::int64_t>(std::count(matched.begin(), matched.end(), false));
    return counts;
}

std::array<double, 3> f1AtOverlaps(std::span<const VideoLabels> videos,
                                   std::optional<int> background) {
    std::array<double, 3> scores{};
    for (std::size_t i = 0; i < kF1Overlaps.size(); ++i) {
        SegmentMatches total;
        for (const auto& video : videos) {
            const auto one =
                segmentMatches(video.predicted, video.truth, kF1Overlaps[i], background);
            total.true_positives += one.true_positives;
            total.false_positives += one.false_positives;
            total.false_negatives += one.false_negatives;
        }
        scores[i] = total.f1();
    }
    return scores;
}

}  // namespace actbert::eval
