#pragma once
// CrossTask's step localisation decoding (Zhukov et al., dp.pyx): a video's per-second step
// scores become, per second, log-probabilities over the task's K steps (log-softmax), and a
// dynamic program on the costs -log p picks exactly one second per step, in the task's order,
// none skipped and no two in the same second, with free background seconds anywhere else.
// Pure functions, any thread.

#include <vector>

namespace actbert::eval {

// scores[t][k]: raw score of step k at second t -> log_softmax over k, per second.
std::vector<std::vector<double>> logSoftmaxPerSecond(
    const std::vector<std::vector<double>>& scores);

// costs[t][k] ([seconds][steps]); returns the chosen second of each step, strictly increasing.
// The states alternate background and steps (bg, step 1, bg, step 2, ..., step K, bg); a step
// state lasts one second and is entered from the background before it or, skipping that
// background, from the previous step; a background state stays or follows its step. Ties go
// to the first candidate in that order (stay, previous, skip background); at the last second,
// ending in the trailing background wins a tie with ending on step K.
// Throws std::invalid_argument when there are fewer seconds than steps or rows differ in width.
std::vector<int> assignStepSeconds(const std::vector<std::vector<double>>& costs);

}  // namespace actbert::eval
