// actbert vocab train: a WordPiece vocab.txt trained from narration files or plain text.

#include <fstream>
#include <string>

#include "app/cli/cli_support.h"
#include "core/common/error.h"
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

}  // namespace

int runVocab(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("size"), QStringLiteral("Vocabulary size (tokens)."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Output vocab.txt."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("min-pair-count"),
                      QStringLiteral("Never merge pieces seen together fewer times (default 2)."),
                      QStringLiteral("N")});
    parser.addPositionalArgument(QStringLiteral("train"), QStringLiteral("The action: train."));
    parser.addPositionalArgument(
        QStringLiteral("CORPUS"),
        QStringLiteral("Narration files (.srt .vtt .csv .json) or plain text, one per line."));
    const QString usage =
        QStringLiteral("vocab train CORPUS... --size N --out vocab.txt [--min-pair-count N]");
    if (!parseCommandLine(parser, arguments, usage)) {
        return kExitOk;
    }
    auto files = requirePositional(parser, 2, QStringLiteral("train CORPUS..."), true);
    if (files.takeFirst() != QStringLiteral("train")) {
        throw UsageError("unknown action; usage: actbert " + toStd(usage));
    }
    if (!parser.isSet(QStringLiteral("size")) || !parser.isSet(QStringLiteral("out"))) {
        throw UsageError("--size N and --out FILE are required");
    }
    text::VocabularyTrainerOptions options;
    const int size = parseIntOption(parser, QStringLiteral("size"));
    if (size <= 5) {
        throw UsageError("--size must leave room beyond the 5 special tokens");
    }
    options.vocab_size = static_cast<std::size_t>(size);
    if (parser.isSet(QStringLiteral("min-pair-count"))) {
        const int min_pair_count = parseIntOption(parser, QStringLiteral("min-pair-count"));
        if (min_pair_count < 1) {
            throw UsageError("--min-pair-count must be at least 1");
        }
        options.min_pair_count = static_cast<std::size_t>(min_pair_count);
    }
    text::VocabularyTrainer trainer(options);
    for (const auto& file : files) {
        addCorpusFile(trainer, toStd(file));
    }
    const auto vocabulary = trainer.train({}, CancelToken());
    const std::string out = toStd(parser.value(QStringLiteral("out")));
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

}  // namespace actbert::cli
