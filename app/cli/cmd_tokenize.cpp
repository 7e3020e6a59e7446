// actbert tokenize: BERT WordPiece ids (or pieces) of each text, one line per text or pair.

#include <iostream>
#include <string>

#include "app/cli/cli_support.h"
#include "core/text/wordpiece_tokenizer.h"

namespace actbert::cli {

namespace {

std::string joinLine(const text::WordPieceTokenizer& tokenizer, const text::Encoding& encoding,
                     bool pieces) {
    std::string line;
    for (std::size_t i = 0; i < encoding.ids.size(); ++i) {
        if (i > 0) {
            line.push_back(' ');
        }
        line += pieces ? tokenizer.vocabulary().token(encoding.ids[i])
                       : std::to_string(encoding.ids[i]);
    }
    return line;
}

}  // namespace

int runTokenize(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("vocab"), QStringLiteral("WordPiece vocab.txt."), QStringLiteral("V")});
    parser.addOption(
        {QStringLiteral("pair"), QStringLiteral("Encode the texts two by two as sentence pairs.")});
    parser.addOption({QStringLiteral("tokens"), QStringLiteral("Print pieces instead of ids.")});
    parser.addOption({QStringLiteral("max-length"),
                      QStringLiteral("Truncate (longest first) to N tokens."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("pad"), QStringLiteral("Pad with [PAD] to --max-length.")});
    parser.addOption({QStringLiteral("no-special"), QStringLiteral("Leave out [CLS] and [SEP].")});
    parser.addOption({QStringLiteral("stdin"),
                      QStringLiteral("Read the texts from standard input, one per line.")});
    parser.addPositionalArgument(QStringLiteral("TEXT"),
                                 QStringLiteral("Texts; put -- before texts starting with -."));
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("tokenize --vocab V [--pair] [--tokens] [--max-length N "
                                         "[--pad]] [--no-special] [--stdin | [--] TEXT...]"))) {
        return kExitOk;
    }
    if (!parser.isSet(QStringLiteral("vocab"))) {
        throw UsageError("--vocab V is required (a BERT vocab.txt)");
    }
    std::vector<std::string> texts;
    if (parser.isSet(QStringLiteral("stdin"))) {
        requirePositional(parser, 0, QStringLiteral("none with --stdin"));
        for (std::string line; std::getline(std::cin, line);) {
            texts.push_back(std::move(line));
        }
    } else {
        for (const auto& text : requirePositional(parser, 1, QStringLiteral("TEXT"), true)) {
            texts.push_back(toStd(text));
        }
    }
    const bool pair = parser.isSet(QStringLiteral("pair"));
    if (pair && texts.size() % 2 != 0) {
        throw UsageError("--pair needs an even number of texts, got " +
                         std::to_string(texts.size()));
    }
    text::EncodeOptions options;
    if (parser.isSet(QStringLiteral("max-length"))) {
        const int max_length = parseIntOption(parser, QStringLiteral("max-length"));
        if (max_length <= 0) {
            throw UsageError("--max-length must be positive");
        }
        options.max_length = static_cast<std::size_t>(max_length);
    }
    if (parser.isSet(QStringLiteral("pad"))) {
        if (options.max_length == 0) {
            throw UsageError("--pad needs --max-length");
        }
        options.padding = text::Padding::kToMaxLength;
    }
    if (parser.isSet(QStringLiteral("no-special"))) {
        options.special_tokens = text::SpecialTokens::kOmit;
    }
    const auto tokenizer =
        text::WordPieceTokenizer::fromFile(toStd(parser.value(QStringLiteral("vocab"))));
    if (tokenizer.vocabulary().duplicateCount() > 0) {
        printError("warning: " + std::to_string(tokenizer.vocabulary().duplicateCount()) +
                   " duplicate vocabulary line(s); the last occurrence of each token wins");
    }
    const bool pieces = parser.isSet(QStringLiteral("tokens"));
    for (std::size_t i = 0; i < texts.size(); i += pair ? 2 : 1) {
        const auto encoding = pair ? tokenizer.encodePair(texts[i], texts[i + 1], options)
                                   : tokenizer.encode(texts[i], options);
        printLine(joinLine(tokenizer, encoding, pieces));
    }
    return kExitOk;
}

}  // namespace actbert::cli
