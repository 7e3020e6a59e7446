#include "core/eval/caption_evaluator.h"

#include <map>

#include <nlohmann/json.hpp>

#include "core/eval/bleu_scorer.h"
#include "core/eval/cider_scorer.h"
#include "core/eval/meteor_scorer.h"
#include "core/eval/rouge_l.h"

namespace actbert::eval {

namespace {

// What each segment contributes; corpus scores of any subset follow from these.
struct SegmentStats {
    BleuStats bleu;
    MeteorStats meteor;
    double rouge_l = 0;
    double cider = 0;
};

CaptionScores corpusScores(std::span<const SegmentStats* const> members) {
    CaptionScores scores;
    if (members.empty()) {
        return scores;
    }
    BleuStats bleu;
    MeteorStats meteor;
    for (const SegmentStats* member : members) {
        bleu += member->bleu;
        meteor += member->meteor;
        scores.rouge_l += member->rouge_l;
        scores.cider += member->cider;
    }
    const auto count = static_cast<double>(members.size());
    scores.bleu = bleuScores(bleu);
    scores.meteor = MeteorScorer::score(meteor);
    scores.rouge_l /= count;
    scores.cider /= count;
    return scores;
}

}  // namespace

CaptionEvaluation evaluateCaptions(std::span<const CaptionSegment> segments, MeteorScorer& meteor) {
    CaptionEvaluation evaluation;
    evaluation.segments = segments.size();
    std::vector<std::vector<std::vector<std::string>>> all_references;
    all_references.reserve(segments.size());
    for (const auto& segment : segments) {
        all_references.push_back(segment.references);
    }
    const CiderD cider(all_references);
    std::vector<SegmentStats> stats(segments.size());
    std::map<std::string, std::vector<const SegmentStats*>> by_video;
    std::vector<const SegmentStats*> everything;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const auto& segment = segments[s];
        stats[s].bleu = bleuStats(segment.hypothesis, segment.references);
        stats[s].meteor = meteor.segmentStats(segment.hypothesis, segment.references);
        stats[s].rouge_l = rougeL(segment.hypothesis, segment.references);
        stats[s].cider = cider.score(segment.hypothesis, segment.references);
        by_video[segment.video].push_back(&stats[s]);
        everything.push_back(&stats[s]);
    }
    evaluation.micro = corpusScores(everything);
    evaluation.videos = by_video.size();
    for (const auto& [video, members] : by_video) {
        const CaptionScores one = corpusScores(members);
        for (std::size_t n = 0; n < 4; ++n) {
            evaluation.macro.bleu[n] += one.bleu[n];
        }
        evaluation.macro.meteor += one.meteor;
        evaluation.macro.rouge_l += one.rouge_l;
        evaluation.macro.cider += one.cider;
    }
    if (!by_video.empty()) {
        const auto count = static_cast<double>(by_video.size());
        for (auto& value : evaluation.macro.bleu) {
            value /= count;
        }
        evaluation.macro.meteor /= count;
        evaluation.macro.rouge_l /= count;
        evaluation.macro.cider /= count;
    }
    return evaluation;
}

nlohmann::json captionScoresJson(const CaptionScores& scores) {
    return {{"bleu1", scores.bleu[0]}, {"bleu2", scores.bleu[1]}, {"bleu3", scores.bleu[2]},
            {"bleu4", scores.bleu[3]}, {"meteor", scores.meteor}, {"rouge_l", scores.rouge_l},
            {"cider", scores.cider}};
}

}  // namespace actbert::eval
