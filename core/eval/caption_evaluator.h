#pragma once
// Scores captions with coco-caption's metrics (BLEU-1..4, METEOR, ROUGE-L, CIDEr-D) in two
// settings: "micro" (the corpus of all segments pooled: the setting of ActBERT's YouCook2
// row) and "macro" (each video's segments scored as a corpus, then the mean over videos).
// In the macro setting CIDEr-D's document frequencies stay those of all evaluated
// references, so a video with one segment does not score 0 by the one-segment quirk.

#include <array>
#include <cstddef>
#include <span>

#include <nlohmann/json_fwd.hpp>

#include "core/eval/caption_corpus.h"

namespace actbert::eval {

class MeteorScorer;

struct CaptionScores {
    std::array<double, 4> bleu{};  // fractions
    double meteor = 0;             // fraction
    double rouge_l = 0;            // fraction
    double cider = 0;              // coco-caption's scale (not x100)
};

struct CaptionEvaluation {
    CaptionScores micro;
    CaptionScores macro;
    std::size_t segments = 0;
    std::size_t videos = 0;
};

CaptionEvaluation evaluateCaptions(std::span<const CaptionSegment> segments, MeteorScorer& meteor);

// {"bleu1".."bleu4", "meteor", "rouge_l", "cider"} of one setting.
nlohmann::json captionScoresJson(const CaptionScores& scores);

}  // namespace actbert::eval
