#pragma once
// ROUGE-L as coco-caption's rouge.py computes it for one segment: P = max over references of
// LCS / len(candidate), R = max over references of LCS / len(reference) (the two maxima
// taken separately), F = (1 + b^2) P R / (R + b^2 P) with b = 1.2, 0 when P or R is 0.
// The corpus value is the mean over segments.

#include <span>
#include <string>
#include <vector>

namespace actbert::eval {

double rougeL(const std::vector<std::string>& hypothesis,
              std::span<const std::vector<std::string>> references);

}  // namespace actbert::eval
