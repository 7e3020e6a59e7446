#include "core/eval/step_assignment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace actbert::eval {

std::vector<std::vector<double>> logSoftmaxPerSecond(
    const std::vector<std::vector<double>>& scores) {
    std::vector<std::vector<double>> out;
    out.reserve(scores.size());
    for (const auto& row : scores) {
        if (row.empty()) {
            out.emplace_back();
            continue;
        }
        // Subtracting the maximum keeps exp() finite for large logits.
        const double top = *std::max_element(row.begin(), row.end());
        double sum = 0.0;
        for (double s : row) {
            sum += std::exp(s - top);
        }
        const double log_sum = top + std::log(sum);
        std::vector<double> log_p;
        log_p.reserve(row.size());
        for (double s : row) {
            log_p.push_back(s - log_sum);
        }
        out.push_back(std::move(log_p));
    }
    return out;
}

std::vector<int> assignStepSeconds(const std::vector<std::vector<double>>& costs) {
    const std::size_t seconds = costs.size();
    const std::size_t steps = seconds == 0 ? 0 : costs[0].size();
    for (const auto& row : costs) {
        if (row.size() != steps) {
            throw std::invalid_argument("step costs: rows of different widths");
        }
    }
    if (steps == 0) {
        return {};
    }
    if (seconds < steps) {
        throw std::invalid_argument(std::to_string(seconds) + " seconds for " +
                                    std::to_string(steps) +
                                    " steps: every step needs a second of its own");
    }
    // State s: even = background before step s/2 (free), odd = step (s-1)/2 at this second.
    const std::size_t states = 2 * steps + 1;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    auto state_cost = [&](std::size_t t, std::size_t s) {
        return s % 2 == 0 ? 0.0 : costs[t][(s - 1) / 2];
    };
    // best[t][s]: cheapest path of seconds 0..t ending in state s; from[t][s]: its state at t-1.
    std::vector<std::vector<double>> best(seconds, std::vector<double>(states, kInf));
    std::vector<std::vector<int>> from(seconds, std::vector<int>(states, -1));
    best[0][0] = 0.0;
    best[0][1] = state_cost(0, 1);
    for (std::size_t t = 1; t < seconds; ++t) {
        for (std::size_t s = 0; s < states; ++s) {
            // Candidates in tie order: stay (background only), previous, skip background (steps).
            int candidates[2] = {-1, -1};
            if (s % 2 == 0) {
                candidates[0] = static_cast<int>(s);
                candidates[1] = s >= 1 ? static_cast<int>(s - 1) : -1;
            } else {
                candidates[0] = static_cast<int>(s - 1);
                candidates[1] = s >= 3 ? static_cast<int>(s - 2) : -1;
            }
            for (int c : candidates) {
                if (c >= 0 && best[t - 1][c] < best[t][s]) {
                    best[t][s] = best[t - 1][c];
                    from[t][s] = c;
                }
            }
            best[t][s] += state_cost(t, s);
        }
    }
    std::size_t s =
        best[seconds - 1][states - 2] < best[seconds - 1][states - 1] ? states - 2 : states - 1;
    std::vector<int> chosen(steps, -1);
    for (std::size_t t = seconds; t-- > 0;) {
        if (s % 2 == 1) {
            chosen[(s - 1) / 2] = static_cast<int>(t);
        }
        if (t > 0) {
            s = static_cast<std::size_t>(from[t][s]);
        }
    }
    return chosen;
}

}  // namespace actbert::eval
