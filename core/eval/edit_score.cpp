#include "core/eval/edit_score.h"

#include <algorithm>
#include <vector>

namespace actbert::eval {

namespace {

std::vector<int> segmentLabels(std::span<const int> frames, std::optional<int> background) {
    std::vector<int> labels;
    for (const auto& segment : labelSegments(frames, background)) {
        labels.push_back(segment.label);
    }
    return labels;
}

// Unit-cost insert/delete/substitute distance, one row at a time.
std::size_t levenshtein(const std::vector<int>& a, const std::vector<int>& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = a[i - 1] == b[j - 1] ? diagonal : 1 + std::min({diagonal, above, row[j - 1]});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

double editScore(std::span<const int> predicted, std::span<const int> truth,
                 std::optional<int> background) {
    const auto p = segmentLabels(predicted, background);
    const auto y = segmentLabels(truth, background);
    const std::size_t longest = std::max(p.size(), y.size());
    if (longest == 0) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(levenshtein(p, y)) / static_cast<double>(longest);
}

double meanEditScore(std::span<const VideoLabels> videos, std::optional<int> background) {
    double sum = 0.0;
    int counted = 0;
    for (const auto& video : videos) {
        if (video.truth.empty() && video.predicted.empty()) {
            continue;
        }
        sum += editScore(video.predicted, video.truth, background);
        ++counted;
    }
    return counted == 0 ? 0.0 : sum / counted;
}

}  // namespace actbert::eval
