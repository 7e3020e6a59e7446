#pragma once
// BLEU-1..4 as coco-caption's bleu_scorer.py computes it: per segment, clipped n-gram matches
// (each n-gram's count clipped by its largest count in any one reference), the candidate's
// n-gram counts and the reference length closest to the candidate's (ties: the shorter);
// the corpus score from the statistics summed over segments:
// BLEU_n = (prod_{k<=n} (match_k + 1e-15) / (count_k + 1e-9))^(1/n) x brevity penalty, the
// penalty exp(1 - r/c) with r and c as (sum + 1e-9) and (sum + 1e-15) when c < r.

#include <array>
#include <span>
#include <string>
#include <vector>

namespace actbert::eval {

using Tokens = std::vector<std::string>;

struct BleuStats {
    double test_length = 0;
    double reference_length = 0;         // the closest reference's length
    std::array<double, 4> matches{};     // clipped n-gram matches, n = 1..4
    std::array<double, 4> candidates{};  // candidate n-grams, max(0, length - n + 1)

    BleuStats& operator+=(const BleuStats& other);
};

BleuStats bleuStats(const Tokens& hypothesis, std::span<const Tokens> references);

// BLEU-1..4 of summed statistics, as fractions.
std::array<double, 4> bleuScores(const BleuStats& corpus);

}  // namespace actbert::eval
