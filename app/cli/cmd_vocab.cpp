// actbert vocab train: a WordPiece vocab.txt trained from narration files or plain text.

#include <fstream>
#include <string>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/error.h"
#include "core/common/terminal_progress.h"
#include "core/text/narration_reader.h"
#include "core/text/vocabulary_trainer.h"

namespace actbert::cli {

namespace {

// Narration formats by extension; anything else is plain UTF-8 text, one narration a line.
void addCorpusFile(text::VocabularyTrainer& trainer, const std::string& path) {
    const std::string extension = std::filesystem::path(path).extension().string();
    if (extension == ".srt" || extension == ".vtt" || extension == ".csv" || extension == ".json") {
        for (const auto& narration : text::NarrationReader::readFile(path)) {
            for (const auto& segment : narration.segments) {
                trainer.addText(segment.text);
            }
        }
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot open corpus file " + path);
    }
    for (std::string line; std::getline(in, line);) {
        trainer.addText(line);
    }
    if (in.bad()) {
        throw Error("cannot read corpus file " + path);
    }
}

int runTrain(const CliArguments& arguments) {
    text::VocabularyTrainerOptions options;
    // The 5 special tokens come first; a vocabulary needs room beyond them.
    options.vocab_size = static_cast<std::size_t>(arguments.integer("size"));
    if (arguments.isSet("min-pair-count")) {
        options.min_pair_count = static_cast<std::size_t>(arguments.integer("min-pair-count"));
    }
    text::VocabularyTrainer trainer(options);
    for (const auto& file : arguments.positional()) {
        addCorpusFile(trainer, toStd(file));
    }
    TerminalProgress progress("vocab train");
    const auto vocabulary = trainer.train(progress.progressFn(), interruptToken());
    progress.finish();
    const std::string out = arguments.text("out");
    vocabulary.save(out);
    printLine(std::to_string(vocabulary.size()) + " tokens from " +
              std::to_string(trainer.distinctWords()) + " distinct words -> " + out);
    if (vocabulary.size() < options.vocab_size) {
        printLine("note: the corpus ran out of piece pairs seen at least " +
                  std::to_string(options.min_pair_count) + " times before reaching " +
                  std::to_string(options.vocab_size));
    }
    return kExitOk;
}

}  // namespace

const CliCommand& vocabCommand() {
    static const CliOption train_options[] = {
        integerOption("size", "N", "Vocabulary size in tokens (more than the 5 special ones).")
            .require()
            .atLeast(6),
        outOption("vocab.txt").require(),
        integerOption("min-pair-count", "N",
                      "Never merge pieces seen together fewer times (default 2).")
            .atLeast(1),
    };
    static const CliCommand subcommands[] = {{
        .name = "train",
        .summary = "Train a WordPiece vocab.txt from narration files (.srt .vtt .csv .json) or "
                   "plain text, one narration a line",
        .usage = "vocab train CORPUS... --size N --out vocab.txt [--min-pair-count N]",
        .options = train_options,
        .positional = {"CORPUS...", 1, CliPositional::kUnlimited},
        .run = runTrain,
    }};
    static const CliCommand command{
        .name = "vocab",
        .summary = "Train a WordPiece vocabulary from narrations (vocab train)",
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
