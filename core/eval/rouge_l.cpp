#include "core/eval/rouge_l.h"

#include <algorithm>

namespace actbert::eval {

namespace {

constexpr double kBeta = 1.2;

std::size_t longestCommonSubsequence(const std::vector<std::string>& a,
                                     const std::vector<std::string>& b) {
    std::vector<std::size_t> previous(b.size() + 1, 0);
    std::vector<std::size_t> current(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] =
                a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

}  // namespace

double rougeL(const std::vector<std::string>& hypothesis,
              std::span<const std::vector<std::string>> references) {
    double precision = 0;
    double recall = 0;
    for (const auto& reference : references) {
        const auto lcs = static_cast<double>(longestCommonSubsequence(hypothesis, reference));
        if (!hypothesis.empty()) {
            precision = std::max(precision, lcs / static_cast<double>(hypothesis.size()));
        }
        if (!reference.empty()) {
            recall = std::max(recall, lcs / static_cast<double>(reference.size()));
        }
    }
    if (precision == 0 || recall == 0) {
        return 0;
    }
    return (1 + kBeta * kBeta) * precision * recall / (recall + kBeta * kBeta * precision);
}

}  // namespace actbert::eval
