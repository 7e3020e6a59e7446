#include "core/eval/retrieval_ranks.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace actbert::eval {

int truthRank(std::span<const double> scores, int truth) {
    if (truth < 0 || static_cast<std::size_t>(truth) >= scores.size()) {
        throw std::invalid_argument("true item " + std::to_string(truth) + " outside a row of " +
                                    std::to_string(scores.size()) + " scores");
    }
    const double true_score = scores[static_cast<std::size_t>(truth)];
    int rank = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (std::isnan(scores[i])) {
            throw std::invalid_argument("score " + std::to_string(i) + " is not a number");
        }
        if (static_cast<int>(i) != truth && scores[i] >= true_score) {
            ++rank;
        }
    }
    return rank;
}

std::vector<int> truthRanks(const std::vector<std::vector<double>>& scores,
                            std::span<const int> truth) {
    if (scores.size() != truth.size()) {
        throw std::invalid_argument(std::to_string(scores.size()) + " score rows for " +
                                    std::to_string(truth.size()) + " true items");
    }
    std::vector<int> ranks;
    ranks.reserve(scores.size());
    for (std::size_t q = 0; q < scores.size(); ++q) {
        ranks.push_back(truthRank(scores[q], truth[q]));
    }
    return ranks;
}

RetrievalMetrics retrievalMetrics(std::span<const int> ranks) {
    RetrievalMetrics metrics;
    metrics.queries = static_cast<int>(ranks.size());
    if (ranks.empty()) {
        return metrics;
    }
    const double n = static_cast<double>(ranks.size());
    auto share_below = [&](int k) {
        return std::count_if(ranks.begin(), ranks.end(), [k](int r) { return r < k; }) / n;
    };
    metrics.r1 = share_below(1);
    metrics.r5 = share_below(5);
    metrics.r10 = share_below(10);
    std::vector<int> sorted(ranks.begin(), ranks.end());
    std::sort(sorted.begin(), sorted.end());
    const std::size_t middle = sorted.size() / 2;
    // numpy's median: the mean of the two middle values for an even count.
    const double median = sorted.size() % 2 == 1
                              ? sorted[middle]
                              : (sorted[middle - 1] + static_cast<double>(sorted[middle])) / 2;
    metrics.median_rank = std::floor(median + 1);
    double sum = 0.0;
    for (int r : ranks) {
        sum += r;
    }
    metrics.mean_rank = sum / n + 1;
    return metrics;
}

}  // namespace actbert::eval
