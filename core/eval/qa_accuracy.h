#pragma once
// Multiple-choice video QA (MSR-VTT MC): the share of questions whose chosen candidate (0-based
// index) is the answer. Pure function, any thread.

#include <span>

namespace actbert::eval {

// Throws std::invalid_argument when the two differ in length; 0 for no question.
double multipleChoiceAccuracy(std::span<const int> chosen, std::span<const int> answers);

}  // namespace actbert::eval
