// actbert actions build: the action vocabulary (verb classes + per-clip labels) of narrations.

#include <memory>
#include <string>

#include "app/cli/cli_support.h"
#include "core/common/atomic_file.h"
#include "core/text/action_vocabulary.h"
#include "core/text/narration_reader.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordnet_lexicon.h"

namespace actbert::cli {

int runActions(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Output actions.json."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("clip-length"),
                      QStringLiteral("Clip length in seconds (default 4)."), QStringLiteral("S")});
    parser.addOption({QStringLiteral("min-count"),
                      QStringLiteral("Clips a verb must occur in (default 1)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("max-size"),
                      QStringLiteral("Keep the N most frequent verbs (default all)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("wordnet"),
                      QStringLiteral("WordNet dictionary folder (default /usr/share/wordnet)."),
                      QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("build"), QStringLiteral("The action: build."));
    parser.addPositionalArgument(QStringLiteral("NARRATIONS"),
                                 QStringLiteral("SRT, WebVTT, HowTo100M CSV or JSON files."));
    const QString usage = QStringLiteral(
        "actions build NARRATIONS... --out actions.json [--clip-length S] [--min-count N] "
        "[--max-size N] [--wordnet DIR]");
    if (!parseCommandLine(parser, arguments, usage)) {
        return kExitOk;
    }
    auto files = requirePositional(parser, 2, QStringLiteral("build NARRATIONS..."), true);
    if (files.takeFirst() != QStringLiteral("build")) {
        throw UsageError("unknown action; usage: actbert " + toStd(usage));
    }
    if (!parser.isSet(QStringLiteral("out"))) {
        throw UsageError("--out FILE is required");
    }
    text::ActionOptions options;
    if (parser.isSet(QStringLiteral("clip-length"))) {
        options.clips.clip_length_s = parseDoubleOption(parser, QStringLiteral("clip-length"));
        if (!(options.clips.clip_length_s > 0.0)) {
            throw UsageError("--clip-length must be positive");
        }
    }
    if (parser.isSet(QStringLiteral("min-count"))) {
        const int min_count = parseIntOption(parser, QStringLiteral("min-count"));
        if (min_count < 1) {
            throw UsageError("--min-count must be at least 1");
        }
        options.min_count = static_cast<std::size_t>(min_count);
    }
    if (parser.isSet(QStringLiteral("max-size"))) {
        const int max_size = parseIntOption(parser, QStringLiteral("max-size"));
        if (max_size < 1) {
            throw UsageError("--max-size must be at least 1");
        }
        options.max_size = static_cast<std::size_t>(max_size);
    }
    const std::string directory = parser.isSet(QStringLiteral("wordnet"))
                                      ? toStd(parser.value(QStringLiteral("wordnet")))
                                      : text::WordNetLexicon::kDefaultDirectory;
    std::vector<text::Narration> narrations;
    for (const auto& file : files) {
        for (auto& narration : text::NarrationReader::readFile(toStd(file))) {
            narrations.push_back(std::move(narration));
        }
    }
    const text::VerbExtractor extractor(
        std::make_shared<const text::WordNetLexicon>(text::WordNetLexicon::load(directory)));
    const text::ActionVocabularyBuilder builder(extractor, options);
    const auto vocabulary = builder.build(narrations, {}, CancelToken());
    const std::string out = toStd(parser.value(QStringLiteral("out")));
    writeFileAtomically(out, vocabulary.toJson());
    printLine(std::to_string(vocabulary.verbs.size()) + " verbs, " +
              std::to_string(vocabulary.clips.size()) + " labelled clips, " +
              std::to_string(vocabulary.dropped) + " of " + std::to_string(vocabulary.total_clips) +
              " clips dropped (no verb) -> " + out);
    return kExitOk;
}

}  // namespace actbert::cli
