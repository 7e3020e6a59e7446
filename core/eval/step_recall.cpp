#include "core/eval/step_recall.h"

#include <cmath>
#include <stdexcept>

#include "core/eval/step_assignment.h"

namespace actbert::eval {

StepRecallCounts stepRecallCounts(std::span<const int> chosen_seconds,
                                  std::span<const StepInterval> truth, int seconds) {
    const int steps = static_cast<int>(chosen_seconds.size());
    // covered[k][t]: Y[t, k] of CrossTask's truth matrix.
    std::vector<std::vector<bool>> covered(steps, std::vector<bool>(seconds, false));
    for (const auto& interval : truth) {
        if (interval.step < 0 || interval.step >= steps) {
            throw std::invalid_argument("step " + std::to_string(interval.step + 1) +
                                        " outside the task's " + std::to_string(steps) + " steps");
        }
        const int first = std::max(0, static_cast<int>(std::floor(interval.start_s)));
        const int last = std::min(seconds, static_cast<int>(std::ceil(interval.end_s)));
        for (int t = first; t < last; ++t) {
            covered[interval.step][t] = true;
        }
    }
    StepRecallCounts counts;
    for (int k = 0; k < steps; ++k) {
        bool annotated = false;
        for (int t = 0; t < seconds && !annotated; ++t) {
            annotated = covered[k][t];
        }
        counts.annotated += annotated ? 1 : 0;
        const int t = chosen_seconds[k];
        counts.hits += t >= 0 && t < seconds && covered[k][t] ? 1 : 0;
    }
    return counts;
}

StepRecall stepRecall(std::span<const LocalisationVideo> videos) {
    StepRecall result;
    for (const auto& video : videos) {
        for (std::size_t t = 0; t < video.scores.size(); ++t) {
            if (video.scores[t].size() != static_cast<std::size_t>(video.steps)) {
                throw std::invalid_argument("video " + video.id + ": second " + std::to_string(t) +
                                            " has " + std::to_string(video.scores[t].size()) +
                                            " scores, the task has " + std::to_string(video.steps) +
                                            " steps");
            }
        }
        if (video.scores.size() < static_cast<std::size_t>(video.steps)) {
            throw std::invalid_argument(
                "video " + video.id + ": " + std::to_string(video.scores.size()) + " seconds for " +
                std::to_string(video.steps) + " steps: every step needs a second of its own");
        }
        auto costs = logSoftmaxPerSecond(video.scores);
        for (auto& row : costs) {
            for (double& c : row) {
                c = -c;
            }
        }
        const auto chosen = assignStepSeconds(costs);
        const auto one =
            stepRecallCounts(chosen, video.truth, static_cast<int>(video.scores.size()));
        auto& total = result.counts[video.task];
        total.hits += one.hits;
        total.annotated += one.annotated;
    }
    double sum = 0.0;
    for (const auto& [task, counts] : result.counts) {
        if (counts.annotated == 0) {
            result.unannotated_tasks.push_back(task);
            continue;
        }
        const double recall = static_cast<double>(counts.hits) / counts.annotated;
        result.per_task[task] = recall;
        sum += recall;
    }
    result.recall = result.per_task.empty() ? 0.0 : sum / result.per_task.size();
    return result;
}

}  // namespace actbert::eval
