#pragma once
// Text-video retrieval metrics as PaddleVideo's ActBERT (MSRVTTMetric) reports them, on a
// score matrix [queries x gallery]: the rank of the true item is its 0-based position after
// sorting the row's scores descending; R@K = share of queries with rank < K; median rank =
// floor(median(rank) + 1); mean rank = mean(rank) + 1 (both 1-based).
//
// Ties are ranked pessimistically: the true item comes after every other item with the same
// score, i.e. rank = #(score > true) + #(score == true, other items). Each query has exactly one
// rank, so a tie never adds entries to the denominator (HowTo100M/MIL-NCE's compute_metrics
// counts every tied entry as a row, which lowers R@K). A constant row therefore ranks last.
// Pure functions, any thread.

#include <span>
#include <vector>

namespace actbert::eval {

struct RetrievalMetrics {
    int queries = 0;
    double r1 = 0.0;  // fractions in [0, 1]
    double r5 = 0.0;
    double r10 = 0.0;
    double median_rank = 0.0;  // 1-based
    double mean_rank = 0.0;    // 1-based
};

// rank of `truth` in one row; throws std::invalid_argument when truth is outside the row or a
// score is not a number.
int truthRank(std::span<const double> scores, int truth);

// scores[q] is query q's row; truth[q] the column of its true item.
std::vector<int> truthRanks(const std::vector<std::vector<double>>& scores,
                            std::span<const int> truth);

// From 0-based ranks; all zero for no query.
RetrievalMetrics retrievalMetrics(std::span<const int> ranks);

}  // namespace actbert::eval
