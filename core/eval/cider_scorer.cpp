#include "core/eval/cider_scorer.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/eval/ngram_counts.h"

namespace actbert::eval {

namespace {
constexpr int kMaxN = 4;
constexpr double kSigma = 6.0;
}  // namespace

CiderD::CiderD(std::span<const std::vector<Tokens>> references_per_segment) {
    for (const auto& references : references_per_segment) {
        std::set<std::string> seen;
        for (const auto& reference : references) {
            for (const auto& counts : ngramCounts(reference, kMaxN)) {
                for (const auto& entry : counts) {
                    seen.insert(entry.first);
                }
            }
        }
        for (const auto& ngram : seen) {
            ++document_frequency_[ngram];
        }
    }
    log_segments_ = std::log(static_cast<double>(references_per_segment.size()));
}

CiderD::Vector CiderD::vectorOf(const Tokens& tokens) const {
    Vector vector;
    vector.weights.resize(kMaxN);
    vector.norms.assign(kMaxN, 0.0);
    const auto counts = ngramCounts(tokens, kMaxN);
    for (std::size_t n = 0; n < static_cast<std::size_t>(kMaxN); ++n) {
        for (const auto& [ngram, count] : counts[n]) {
            const auto it = document_frequency_.find(ngram);
            const double df = std::log(std::max(
                1.0, it == document_frequency_.end() ? 0.0 : static_cast<double>(it->second)));
            const double weight = static_cast<double>(count) * (log_segments_ - df);
            vector.weights[n][ngram] = weight;
            vector.norms[n] += weight * weight;
            if (n == 1) {
                vector.length += count;  // coco-caption's "length" counts bigrams
            }
        }
        vector.norms[n] = std::sqrt(vector.norms[n]);
    }
    return vector;
}

double CiderD::score(const Tokens& hypothesis, std::span<const Tokens> references) const {
    if (references.empty()) {
        return 0;
    }
    const Vector candidate = vectorOf(hypothesis);
    std::vector<double> sums(kMaxN, 0.0);
    for (const auto& reference_tokens : references) {
        const Vector reference = vectorOf(reference_tokens);
        const double delta = candidate.length - reference.length;
        for (std::size_t n = 0; n < static_cast<std::size_t>(kMaxN); ++n) {
            double value = 0;
            for (const auto& [ngram, weight] : candidate.weights[n]) {
                const auto it = reference.weights[n].find(ngram);
                if (it != reference.weights[n].end()) {
                    value += std::min(weight, it->second) * it->second;
                }
            }
            if (candidate.norms[n] != 0 && reference.norms[n] != 0) {
                value /= candidate.norms[n] * reference.norms[n];
            }
            value *= std::exp(-(delta * delta) / (2 * kSigma * kSigma));
            sums[n] += value;
        }
    }
    double mean = 0;
    for (const double sum : sums) {
        mean += sum;
    }
    mean /= kMaxN;
    return mean / static_cast<double>(references.size()) * 10.0;
}

}  // namespace actbert::eval
