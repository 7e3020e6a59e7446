#include "core/eval/bleu_scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/eval/ngram_counts.h"

namespace actbert::eval {

namespace {
// coco-caption's smoothing constants: keep BLEU finite when a count is 0.
constexpr double kTiny = 1e-15;
constexpr double kSmall = 1e-9;
}  // namespace

BleuStats& BleuStats::operator+=(const BleuStats& other) {
    test_length += other.test_length;
    reference_length += other.reference_length;
    for (std::size_t n = 0; n < 4; ++n) {
        matches[n] += other.matches[n];
        candidates[n] += other.candidates[n];
    }
    return *this;
}

BleuStats bleuStats(const Tokens& hypothesis, std::span<const Tokens> references) {
    BleuStats stats;
    const auto length = static_cast<double>(hypothesis.size());
    stats.test_length = length;
    // The closest reference length, ties to the shorter ("closest" in bleu_scorer.py).
    bool first = true;
    for (const auto& reference : references) {
        const auto reference_length = static_cast<double>(reference.size());
        const double distance = std::abs(reference_length - length);
        const double best = std::abs(stats.reference_length - length);
        if (first || distance < best ||
            (distance == best && reference_length < stats.reference_length)) {
            stats.reference_length = reference_length;
            first = false;
        }
    }
    std::vector<std::map<std::string, int>> max_reference_counts(4);
    for (const auto& reference : references) {
        const auto counts = ngramCounts(reference, 4);
        for (std::size_t n = 0; n < 4; ++n) {
            for (const auto& [ngram, count] : counts[n]) {
                int& kept = max_reference_counts[n][ngram];
                kept = std::max(kept, count);
            }
        }
    }
    const auto counts = ngramCounts(hypothesis, 4);
    for (std::size_t n = 0; n < 4; ++n) {
        stats.candidates[n] = std::max(0.0, length - static_cast<double>(n));
        for (const auto& [ngram, count] : counts[n]) {
            const auto it = max_reference_counts[n].find(ngram);
            if (it != max_reference_counts[n].end()) {
                stats.matches[n] += std::min(count, it->second);
            }
        }
    }
    return stats;
}

std::array<double, 4> bleuScores(const BleuStats& corpus) {
    std::array<double, 4> scores{};
    const double ratio = (corpus.test_length + kTiny) / (corpus.reference_length + kSmall);
    const double brevity = ratio < 1.0 ? std::exp(1.0 - 1.0 / ratio) : 1.0;
    double product = 1.0;
    for (std::size_t n = 0; n < 4; ++n) {
        product *= (corpus.matches[n] + kTiny) / (corpus.candidates[n] + kSmall);
        scores[n] = std::pow(product, 1.0 / static_cast<double>(n + 1)) * brevity;
    }
    return scores;
}

}  // namespace actbert::eval
