#include "core/eval/ngram_counts.h"

namespace actbert::eval {

std::vector<std::map<std::string, int>> ngramCounts(const std::vector<std::string>& tokens,
                                                    int max_n) {
    std::vector<std::map<std::string, int>> counts(static_cast<std::size_t>(max_n));
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        std::string ngram;
        for (int n = 1; n <= max_n && start + static_cast<std::size_t>(n) <= tokens.size(); ++n) {
            if (n > 1) {
                ngram.push_back(' ');
            }
            ngram += tokens[start + static_cast<std::size_t>(n) - 1];
            ++counts[static_cast<std::size_t>(n) - 1][ngram];
        }
    }
    return counts;
}

}  // namespace actbert::eval
