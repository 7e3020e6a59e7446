#pragma once
// n-gram counts of a token sequence, shared by BLEU and CIDEr-D (n-grams joined with ' ').

#include <map>
#include <string>
#include <vector>

namespace actbert::eval {

// counts[n - 1][ngram] for n = 1..max_n. Ordered maps keep the scores' summation order fixed.
std::vector<std::map<std::string, int>> ngramCounts(const std::vector<std::string>& tokens,
                                                    int max_n);

}  // namespace actbert::eval
