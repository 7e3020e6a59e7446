#include "core/eval/retrieval_scoring.h"

#include <cmath>
#include <stdexcept>

#include "core/eval/retrieval_ranks.h"
#include "core/eval/score_files.h"

namespace actbert::eval {

ScoreReport scoreRetrieval(const ScoreRequest& request) {
    const auto& path = request.predictions;
    const auto json = readJsonFile(path, "predictions");
    if (!json.is_object() || !json.contains("scores") || !json["scores"].is_array()) {
        throwFileError(path, "predictions",
                       "expected {\"scores\": [[...], ...], \"truth\": [...]}");
    }
    const auto& rows = json["scores"];
    if (rows.empty()) {
        throwFileError(path, "predictions", "\"scores\" has no query row");
    }
    std::vector<std::vector<double>> scores;
    scores.reserve(rows.size());
    for (std::size_t q = 0; q < rows.size(); ++q) {
        const auto& row = rows[q];
        if (!row.is_array() || row.empty()) {
            throwFileError(path, "predictions",
                           "scores row " + std::to_string(q) + " is not a list of numbers");
        }
        std::vector<double> values;
        values.reserve(row.size());
        for (const auto& value : row) {
            if (!value.is_number() || !std::isfinite(value.get<double>())) {
                throwFileError(path, "predictions",
                               "scores row " + std::to_string(q) + " holds a non-number");
            }
            values.push_back(value.get<double>());
        }
        if (!scores.empty() && values.size() != scores.front().size()) {
            throwFileError(path, "predictions",
                           "scores row " + std::to_string(q) + " has " +
                               std::to_string(values.size()) + " columns, row 0 has " +
                               std::to_string(scores.front().size()));
        }
        scores.push_back(std::move(values));
    }
    const std::size_t gallery = scores.front().size();
    std::vector<int> truth;
    if (json.contains("truth")) {
        const auto& list = json["truth"];
        if (!list.is_array() || list.size() != scores.size()) {
            throwFileError(path, "predictions",
                           "\"truth\" must list one gallery column per query (" +
                               std::to_string(scores.size()) + ")");
        }
        for (std::size_t q = 0; q < list.size(); ++q) {
            if (!list[q].is_number_integer() || list[q].get<long long>() < 0 ||
                list[q].get<long long>() >= static_cast<long long>(gallery)) {
                throwFileError(path, "predictions",
                               "truth of query " + std::to_string(q) +
                                   " is not a column index in [0, " + std::to_string(gallery) +
                                   ")");
            }
            truth.push_back(list[q].get<int>());
        }
    } else {
        if (gallery < scores.size()) {
            throwFileError(path, "predictions",
                           "no \"truth\" and fewer gallery columns (" + std::to_string(gallery) +
                               ") than queries: the diagonal is not defined");
        }
        for (std::size_t q = 0; q < scores.size(); ++q) {
            truth.push_back(static_cast<int>(q));
        }
    }
    const auto metrics = retrievalMetrics(truthRanks(scores, truth));
    ScoreReport report;
    report.values = {{"r1", metrics.r1},
                     {"r5", metrics.r5},
                     {"r10", metrics.r10},
                     {"median_rank", metrics.median_rank},
                     {"mean_rank", metrics.mean_rank},
                     {"queries", metrics.queries}};
    report.lines = {std::to_string(metrics.queries) + " queries, gallery of " +
                        std::to_string(gallery) + " (a tie ranks the true item after the others)",
                    "  R@1   " + formatFixed(100 * metrics.r1, 2),
                    "  R@5   " + formatFixed(100 * metrics.r5, 2),
                    "  R@10  " + formatFixed(100 * metrics.r10, 2),
                    "  MedR  " + formatFixed(metrics.median_rank, 0),
                    "  MnR   " + formatFixed(metrics.mean_rank, 2)};
    return report;
}

}  // namespace actbert::eval
