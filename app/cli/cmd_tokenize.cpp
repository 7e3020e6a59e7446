// actbert tokenize: BERT WordPiece ids (or pieces) of each text, one line per text or pair.

#include <iostream>
#include <string>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_options.h"
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

int runTokenize(const CliArguments& arguments) {
    std::vector<std::string> texts;
    if (arguments.isSet("stdin")) {
        if (!arguments.positional().isEmpty()) {
            throw UsageError("--stdin reads the texts: give no TEXT arguments");
        }
        for (std::string line; std::getline(std::cin, line);) {
            texts.push_back(std::move(line));
        }
    } else {
        if (arguments.positional().isEmpty()) {
            throw UsageError("expected at least 1 argument(s): TEXT..., got 0");
        }
        for (const auto& text : arguments.positional()) {
            texts.push_back(toStd(text));
        }
    }
    const bool pair = arguments.isSet("pair");
    if (pair && texts.size() % 2 != 0) {
        throw UsageError("--pair needs an even number of texts, got " +
                         std::to_string(texts.size()));
    }
    text::EncodeOptions options;
    if (arguments.isSet("max-length")) {
        options.max_length = static_cast<std::size_t>(arguments.integer("max-length"));
    }
    if (arguments.isSet("pad")) {
        if (options.max_length == 0) {
            throw UsageError("--pad needs --max-length");
        }
        options.padding = text::Padding::kToMaxLength;
    }
    if (arguments.isSet("no-special")) {
        options.special_tokens = text::SpecialTokens::kOmit;
    }
    const auto tokenizer = text::WordPieceTokenizer::fromFile(arguments.text("vocab"));
    if (tokenizer.vocabulary().duplicateCount() > 0) {
        printError("warning: " + std::to_string(tokenizer.vocabulary().duplicateCount()) +
                   " duplicate vocabulary line(s); the last occurrence of each token wins");
    }
    const bool pieces = arguments.isSet("tokens");
    for (std::size_t i = 0; i < texts.size(); i += pair ? 2 : 1) {
        const auto encoding = pair ? tokenizer.encodePair(texts[i], texts[i + 1], options)
                                   : tokenizer.encode(texts[i], options);
        printLine(joinLine(tokenizer, encoding, pieces));
    }
    return kExitOk;
}

}  // namespace

const CliCommand& tokenizeCommand() {
    static const CliOption options[] = {
        textOption("vocab", "V", "WordPiece vocab.txt (a BERT vocab.txt).").require(),
        flagOption("pair", "Encode the texts two by two as sentence pairs."),
        flagOption("tokens", "Print pieces instead of ids."),
        integerOption("max-length", "N", "Truncate (longest first) to N tokens.").atLeast(1),
        flagOption("pad", "Pad with [PAD] to --max-length."),
        flagOption("no-special", "Leave out [CLS] and [SEP]."),
        flagOption("stdin", "Read the texts from standard input, one per line."),
    };
    static const CliCommand command{
        .name = "tokenize",
        .summary = "BERT WordPiece ids or pieces of texts",
        .usage =
            "tokenize --vocab V [--pair] [--tokens] [--max-length N [--pad]] [--no-special] "
            "[--stdin | [--] TEXT...]",
        .options = options,
        .positional = {"TEXT...", 0, CliPositional::kUnlimited},
        .run = runTokenize,
        .description = "Put -- before texts that start with -.",
    };
    return command;
}

}  // namespace actbert::cli
