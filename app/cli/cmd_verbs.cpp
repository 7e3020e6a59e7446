// actbert verbs: the action verbs (WordNet lemmas) of each text, one line per text.

#include <memory>
#include <string>

#include "app/cli/cli_support.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordnet_lexicon.h"

namespace actbert::cli {

int runVerbs(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("wordnet"),
                      QStringLiteral("WordNet dictionary folder (default /usr/share/wordnet)."),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("details"),
         QStringLiteral("One verb per line: text number, lemma, word, phrasal verb.")});
    parser.addPositionalArgument(QStringLiteral("TEXT"), QStringLiteral("Narration sentences."));
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("verbs [--wordnet DIR] [--details] [--] TEXT..."))) {
        return kExitOk;
    }
    const auto texts = requirePositional(parser, 1, QStringLiteral("TEXT"), true);
    const std::string directory = parser.isSet(QStringLiteral("wordnet"))
                                      ? toStd(parser.value(QStringLiteral("wordnet")))
                                      : text::WordNetLexicon::kDefaultDirectory;
    const text::VerbExtractor extractor(
        std::make_shared<const text::WordNetLexicon>(text::WordNetLexicon::load(directory)));
    const bool details = parser.isSet(QStringLiteral("details"));
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

}  // namespace actbert::cli
