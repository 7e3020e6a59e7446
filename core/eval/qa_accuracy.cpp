#include "core/eval/qa_accuracy.h"

#include <stdexcept>
#include <string>

namespace actbert::eval {

double multipleChoiceAccuracy(std::span<const int> chosen, std::span<const int> answers) {
    if (chosen.size() != answers.size()) {
        throw std::invalid_argument(std::to_string(chosen.size()) + " choices for " +
                                    std::to_string(answers.size()) + " questions");
    }
    if (answers.empty()) {
        return 0.0;
    }
    std::size_t right = 0;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        right += chosen[i] == answers[i] ? 1 : 0;
    }
    return static_cast<double>(right) / static_cast<double>(answers.size());
}

}  // namespace actbert::eval
