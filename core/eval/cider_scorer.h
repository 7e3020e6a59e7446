#pragma once
// CIDEr-D as coco-caption's cider_scorer.py computes it (the scorer it names "CIDEr"):
// n = 1..4; tf-idf vectors with idf = log(number of segments) - log(max(1, df)), df = the
// number of segments whose references contain the n-gram; per n, the mean over references of
// sum(min(v_c, v_r) * v_r) / (|v_c| |v_r|) * exp(-(l_c - l_r)^2 / (2 * 6^2)), where l is
// the number of bigrams of the sentence (coco-caption's length, kept as is); the segment
// score is 10 x the mean over n. With one segment every idf is 0 and CIDEr is 0 (a known
// quirk of the definition).

#include <map>
#include <span>
#include <string>
#include <vector>

namespace actbert::eval {

class CiderD {
public:
    using Tokens = std::vector<std::string>;

    // Document frequencies over the references of every evaluated segment.
    explicit CiderD(std::span<const std::vector<Tokens>> references_per_segment);

    // The segment score (coco-caption's scale: 0..10-ish, not x100).
    double score(const Tokens& hypothesis, std::span<const Tokens> references) const;

private:
    struct Vector {
        std::vector<std::map<std::string, double>> weights;  // [n][ngram] tf-idf
        std::vector<double> norms;                           // [n]
        double length = 0;
    };
    Vector vectorOf(const Tokens& tokens) const;

    std::map<std::string, int> document_frequency_;
    double log_segments_ = 0;
};

}  // namespace actbert::eval
