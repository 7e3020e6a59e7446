// actbert actions build: the action vocabulary (verb classes + per-clip labels) of narrations.

#include <memory>
#include <string>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/atomic_file.h"
#include "core/common/terminal_progress.h"
#include "core/text/action_vocabulary.h"
#include "core/text/narration_reader.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordnet_lexicon.h"

namespace actbert::cli {
namespace {

int runBuild(const CliArguments& arguments) {
    text::ActionOptions options;
    if (arguments.isSet("clip-length")) {
        options.clips.clip_length_s = arguments.number("clip-length");
        if (!(options.clips.clip_length_s > 0.0)) {
            throw UsageError("--clip-length must be positive");
        }
    }
    if (arguments.isSet("min-count")) {
        options.min_count = static_cast<std::size_t>(arguments.integer("min-count"));
    }
    if (arguments.isSet("max-size")) {
        options.max_size = static_cast<std::size_t>(arguments.integer("max-size"));
    }
    const std::string directory = arguments.text("wordnet");
    std::vector<text::Narration> narrations;
    for (const auto& file : arguments.positional()) {
        for (auto& narration : text::NarrationReader::readFile(toStd(file))) {
            narrations.push_back(std::move(narration));
        }
    }
    const text::VerbExtractor extractor(
        std::make_shared<const text::WordNetLexicon>(text::WordNetLexicon::load(directory)));
    const text::ActionVocabularyBuilder builder(extractor, options);
    TerminalProgress progress("actions build");
    const auto vocabulary = builder.build(narrations, progress.progressFn(), interruptToken());
    progress.finish();
    const std::string out = arguments.text("out");
    writeFileAtomically(out, vocabulary.toJson());
    printLine(std::to_string(vocabulary.verbs.size()) + " verbs, " +
              std::to_string(vocabulary.clips.size()) + " labelled clips, " +
              std::to_string(vocabulary.dropped) + " of " + std::to_string(vocabulary.total_clips) +
              " clips dropped (no verb) -> " + out);
    return kExitOk;
}

}  // namespace

const CliCommand& actionsCommand() {
    static const CliOption build_options[] = {
        outOption("actions.json").require(),
        numberOption("clip-length", "S", "Clip length in seconds (default 4)."),
        integerOption("min-count", "N", "Clips a verb must occur in (default 1).").atLeast(1),
        integerOption("max-size", "N", "Keep the N most frequent verbs (default all).").atLeast(1),
        wordnetOption(),
    };
    static const CliCommand subcommands[] = {{
        .name = "build",
        .summary = "Verb classes and per-clip labels of SRT, WebVTT, HowTo100M CSV or JSON "
                   "narrations",
        .usage = "actions build NARRATIONS... --out actions.json [--clip-length S] "
                 "[--min-count N] [--max-size N] [--wordnet DIR]",
        .options = build_options,
        .positional = {"NARRATIONS...", 1, CliPositional::kUnlimited},
        .run = runBuild,
    }};
    static const CliCommand command{
        .name = "actions",
        .summary = "Build the action vocabulary of narrations (actions build)",
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
