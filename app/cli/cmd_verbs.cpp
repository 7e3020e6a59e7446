// actbert verbs: the action verbs (WordNet lemmas) of each text, one line per text.

#include <memory>
#include <string>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordnet_lexicon.h"

namespace actbert::cli {
namespace {

int runVerbs(const CliArguments& arguments) {
    const auto& texts = arguments.positional();
    const std::string directory = arguments.text("wordnet");
    const text::VerbExtractor extractor(
        std::make_shared<const text::WordNetLexicon>(text::WordNetLexicon::load(directory)));
    const bool details = arguments.isSet("details");
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const std::string sentence = toStd(texts[i]);
        if (details) {
            for (const auto& verb : extractor.extract(sentence)) {
                printLine(std::to_string(i + 1) + "\t" + verb.lemma + "\t" + verb.surface + "\t" +
                          verb.phrasal);
            }
            continue;
        }
        std::string line;
        for (const auto& lemma : extractor.lemmas(sentence)) {
            line += (line.empty() ? "" : " ") + lemma;
        }
        printLine(line);
    }
    return kExitOk;
}

}  // namespace

const CliCommand& verbsCommand() {
    static const CliOption options[] = {
        wordnetOption(),
        flagOption("details", "One verb per line: text number, lemma, word, phrasal verb."),
    };
    static const CliCommand command{
        .name = "verbs",
        .summary = "Action verbs (WordNet lemmas) of narration sentences",
        .usage = "verbs [--wordnet DIR] [--details] [--] TEXT...",
        .options = options,
        .positional = {"TEXT...", 1, CliPositional::kUnlimited},
        .run = runVerbs,
    };
    return command;
}

}  // namespace actbert::cli
