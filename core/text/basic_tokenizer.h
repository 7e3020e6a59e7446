#pragma once
// BERT's "basic" tokenisation for uncased models, step for step as the reference does it:
//   1. clean: drop NUL, U+FFFD and control characters (Unicode category C*, except \t \n \r),
//      map whitespace (\t \n \r, space, category Zs) to a space;
//   2. put spaces around CJK ideographs (the CJK Unified Ideographs blocks, extensions A-E
//      and the two CJK Compatibility Ideographs blocks, looked up with ICU's block property);
//   3. split on whitespace (Python's str.split also splits on U+2028 and U+2029);
//   4. lower-case each word (full Unicode case mapping), decompose it (NFD) and drop
//      non-spacing marks (category Mn);
//   5. split off every punctuation character: ASCII 33-47, 58-64, 91-96, 123-126 and
//      Unicode category P*.
// Invalid UTF-8 bytes are dropped like U+FFFD (the reference decodes with errors="ignore").
// Special tokens given to the constructor ("[CLS]", "[MASK]", ...) are recognised verbatim
// in the input and kept whole, as Hugging Face's BertTokenizer does.
// Unicode data comes from ICU; words made only of ASCII take a table-driven fast path.
// Threading: const methods are safe from any thread; a BasicWords is owned by one thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actbert::text {

// The words of one input, reusable across calls so steady-state tokenisation allocates nothing.
struct BasicWords {
    struct Word {
        std::uint32_t begin = 0;  // bytes of the normalised word in `normalized`
        std::uint32_t end = 0;
        std::uint32_t source_begin = 0;  // bytes of the input the word came from
        std::uint32_t source_end = 0;
        // Index into source_begins/source_ends of the word's first byte, or kIdentity when
        // normalised byte i came from input byte source_begin + i (pure ASCII words).
        std::uint32_t map = kIdentity;
        std::int32_t special_id = -1;  // >= 0: a special token recognised verbatim
    };
    static constexpr std::uint32_t kIdentity = UINT32_MAX;

    std::string normalized;
    std::vector<Word> words;
    std::vector<std::uint32_t> source_begins;  // per normalised byte of non-identity words
    std::vector<std::uint32_t> source_ends;

    void clear();
    std::string_view text(const Word& word) const {
        return std::string_view(normalized).substr(word.begin, word.end - word.begin);
    }
    // Input byte range of the normalised bytes [begin, end) of `word` (offsets in the word).
    std::pair<std::uint32_t, std::uint32_t> sourceRange(const Word& word, std::uint32_t begin,
                                                        std::uint32_t end) const;
};

class BasicTokenizer {
public:
    struct SpecialToken {
        std::string text;  // matched case-sensitively, e.g. "[MASK]"
        std::int32_t id;
    };

    BasicTokenizer() = default;
    explicit BasicTokenizer(std::vector<SpecialToken> special_tokens);

    // Appends the words of `text` to `out` (call out.clear() first for a fresh result).
    // Throws actbert::Error for inputs of 4 GiB or more (offsets are 32-bit).
    void tokenize(std::string_view text, BasicWords& out) const;

    // Convenience: the normalised words as strings.
    std::vector<std::string> words(std::string_view text) const;

    // Unicode predicates of the reference tokenizer, exposed for the trainer and tests.
    static bool isPunctuation(char32_t cp);
    static bool isCjkIdeograph(char32_t cp);

private:
    std::size_t matchSpecial(std::string_view text, std::size_t pos, std::int32_t& id) const;
    std::size_t tokenizeAsciiChunk(std::string_view text, std::size_t pos, BasicWords& out,
                                   bool& needs_unicode) const;
    std::size_t tokenizeUnicodeChunk(std::string_view text, std::size_t pos, BasicWords& out) const;

    std::vector<SpecialToken> special_tokens_;
};

}  // namespace actbert::text
