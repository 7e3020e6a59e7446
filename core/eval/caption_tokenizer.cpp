#include "core/eval/caption_tokenizer.h"

namespace actbert::eval {

namespace {

bool isWordByte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool isSpace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// PTB splits these contractions off the word before them and keeps them as tokens.
void splitClitic(std::string word, std::vector<std::string>& out) {
    static const char* const kClitics[] = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};
    for (const char* clitic : kClitics) {
        const std::string_view suffix(clitic);
        if (word.size() > suffix.size() && std::string_view(word).ends_with(suffix)) {
            out.push_back(word.substr(0, word.size() - suffix.size()));
            out.emplace_back(suffix);
            return;
        }
    }
    out.push_back(std::move(word));
}

}  // namespace

std::vector<std::string> tokenizeCaption(std::string_view caption) {
    std::string lower(caption);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    std::vector<std::string> tokens;
    std::string word;
    const auto flush = [&] {
        if (!word.empty()) {
            splitClitic(std::move(word), tokens);
            word.clear();
        }
    };
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const auto c = static_cast<unsigned char>(lower[i]);
        if (isWordByte(c)) {
            word.push_back(static_cast<char>(c));
            continue;
        }
        const bool between_word_bytes = !word.empty() && i + 1 < lower.size() &&
                                        isWordByte(static_cast<unsigned char>(lower[i + 1]));
        if (between_word_bytes && (c == '-' || c == '.' || c == ',' || c == '/')) {
            word.push_back(static_cast<char>(c));
        } else if (between_word_bytes && c == '\'') {
            word.push_back('\'');  // a clitic, split off by splitClitic, or a name (o'brien)
        } else if (isSpace(c) || c < 0x80) {
            flush();  // white space separates; punctuation separates and is dropped
        }
    }
    flush();
    return tokens;
}

}  // namespace actbert::eval
