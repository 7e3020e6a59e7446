// actbert score captioning: coco-caption's metrics of predicted captions.

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_command.h"
#include "app/cli/cli_support.h"
#include "core/eval/caption_corpus.h"
#include "core/eval/caption_evaluator.h"
#include "core/eval/meteor_scorer.h"

namespace actbert::cli {

namespace {

std::string formatted(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

void printScores(const char* title, const eval::CaptionScores& scores) {
    printLine(title);
    for (std::size_t n = 0; n < 4; ++n) {
        printLine("  BLEU-" + std::to_string(n + 1) + "  " + formatted(100 * scores.bleu[n], 2));
    }
    printLine("  METEOR   " + formatted(100 * scores.meteor, 2) + "  (" + eval::kMeteorName + ")");
    printLine("  ROUGE-L  " + formatted(100 * scores.rouge_l, 2));
    printLine("  CIDEr    " + formatted(scores.cider, 4) + "  (CIDEr-D, coco-caption's scale)");
}

int runScoreCaptioning(const CliArguments& arguments) {
    const std::string ground_truth_path = arguments.text("ground-truth");
    const auto predictions = eval::readCaptionPredictions(arguments.text("predictions"));
    bool youcook2 = false;
    const auto references = eval::readCaptionReferences(ground_truth_path, youcook2);
    const auto segments = eval::pairCaptions(predictions, references, youcook2, ground_truth_path);
    eval::MeteorScorer meteor;
    const auto evaluation = eval::evaluateCaptions(segments, meteor);

    if (arguments.isSet("json")) {
        auto json = eval::captionScoresJson(evaluation.micro);
        json["macro"] = eval::captionScoresJson(evaluation.macro);
        json["meteor_definition"] = eval::kMeteorName;
        json["segments"] = evaluation.segments;
        json["videos"] = evaluation.videos;
        printLine(json.dump(2));
        return kExitOk;
    }
    printLine(std::to_string(evaluation.segments) + " segments of " +
              std::to_string(evaluation.videos) + " videos (x100 except CIDEr)");
    printScores("micro (all segments pooled):", evaluation.micro);
    printScores("macro (mean over videos):", evaluation.macro);
    return kExitOk;
}

}  // namespace

const CliCommand& scoreCaptioningCommand() {
    static const CliOption options[] = {
        textOption("predictions", "FILE", "JSON {\"ID\": \"caption\", ...}.").require(),
        textOption("ground-truth", "FILE",
                   "JSON {\"ID\": [\"reference\", ...], ...} or YouCook2's annotation file (ids "
                   "VIDEO_SEGMENTINDEX).")
            .require(),
        flagOption("json",
                   "Print JSON: bleu1..bleu4, meteor, rouge_l (fractions), cider (coco-caption's "
                   "scale), and \"macro\" with the same keys."),
    };
    static const CliCommand command{
        .name = "captioning",
        .summary = "BLEU-1..4, METEOR, ROUGE-L, CIDEr as coco-caption computes them",
        .usage = "score captioning --predictions FILE --ground-truth FILE [--json]",
        .options = options,
        .run = runScoreCaptioning,
    };
    return command;
}

}  // namespace actbert::cli
