#include "core/text/basic_tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <array>
#include <limits>

#include "core/common/error.h"
#include "core/text/utf8.h"

namespace actbert::text {

namespace {

enum class CharClass : std::uint8_t {
    kWord,         // part of a word, already lower-case
    kUpper,        // A-Z: part of a word, lower-cased on the way
    kPunctuation,  // a word of its own
    kSpace,        // separates words
    kDrop,         // removed by the reference's clean step
};

constexpr std::array<CharClass, 128> makeAsciiClasses() {
    std::array<CharClass, 128> classes{};
    for (int c = 0; c < 128; ++c) {
        CharClass cls = CharClass::kWord;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            cls = CharClass::kSpace;
        } else if (c < 32 || c == 127) {
            cls = CharClass::kDrop;  // NUL and the other C0 controls, DEL
        } else if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
                   (c >= 123 && c <= 126)) {
            cls = CharClass::kPunctuation;
        } else if (c >= 'A' && c <= 'Z') {
            cls = CharClass::kUpper;
        }
        classes[static_cast<std::size_t>(c)] = cls;
    }
    return classes;
}

constexpr std::array<CharClass, 128> kAsciiClasses = makeAsciiClasses();

enum class Boundary : std::uint8_t { kNone, kSpace, kDrop, kCjk };

// How a non-ASCII code point behaves in steps 1-3.
Boundary classifyUnicode(char32_t cp) {
    if (cp == kReplacementChar) {
        return Boundary::kDrop;
    }
    switch (u_charType(static_cast<UChar32>(cp))) {
        case U_SPACE_SEPARATOR:
        case U_LINE_SEPARATOR:       // not whitespace for BERT's clean step, but Python's
        case U_PARAGRAPH_SEPARATOR:  // str.split() separates words on them
            return Boundary::kSpace;
        case U_CONTROL_CHAR:
        case U_FORMAT_CHAR:
        case U_UNASSIGNED:
        case U_PRIVATE_USE_CHAR:
        case U_SURROGATE:
            return Boundary::kDrop;  // the reference drops every category starting with C
        default:
            break;
    }
    return BasicTokenizer::isCjkIdeograph(cp) ? Boundary::kCjk : Boundary::kNone;
}

struct SourcedChar {
    char32_t cp;
    std::uint32_t begin;  // input bytes it came from
    std::uint32_t end;
};

void appendUtf16(std::u16string& out, char32_t cp) {
    if (cp < 0x10000) {
        out.push_back(static_cast<char16_t>(cp));
    } else {
        out.push_back(static_cast<char16_t>(U16_LEAD(cp)));
        out.push_back(static_cast<char16_t>(U16_TRAIL(cp)));
    }
}

std::u16string lowerUtf16(const std::u16string& text) {
    std::u16string out(text.size() + 8, u'\0');
    for (int attempt = 0; attempt < 2; ++attempt) {
        UErrorCode status = U_ZERO_ERROR;
        // The root locale: language-independent full case mapping with the final-sigma rule,
        // which is what Python's str.lower() implements.
        const int32_t length =
            u_strToLower(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()),
                         reinterpret_cast<const UChar*>(text.data()),
                         static_cast<int32_t>(text.size()), "", &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            out.assign(static_cast<std::size_t>(length), u'\0');
            continue;
        }
        if (U_FAILURE(status)) {
            throw Error(std::string("ICU lower-casing failed: ") + u_errorName(status));
        }
        out.resize(static_cast<std::size_t>(length));
        return out;
    }
    throw Error("ICU lower-casing failed: output kept growing");
}

template <typename Fn>
void forEachCodePoint(const std::u16string& text, Fn&& fn) {
    for (std::size_t i = 0; i < text.size();) {
        UChar32 cp = 0;
        U16_NEXT(text.data(), i, text.size(), cp);
        fn(static_cast<char32_t>(cp));
    }
}

// Step 4: lower-case, decompose, drop Mn; each resulting character keeps its source bytes.
std::vector<SourcedChar> normalizeWord(const std::vector<SourcedChar>& chars) {
    std::u16string utf16;
    for (const auto& c : chars) {
        appendUtf16(utf16, c.cp);
    }
    const std::u16string lowered = lowerUtf16(utf16);
    std::vector<SourcedChar> lower_chars;
    lower_chars.reserve(chars.size());
    std::size_t index = 0;
    forEachCodePoint(lowered, [&](char32_t cp) {
        if (index < chars.size()) {
            lower_chars.push_back({cp, chars[index].begin, chars[index].end});
        }
        ++index;
    });
    if (index != chars.size()) {
        // Some character expanded (U+0130 -> i + U+0307): take each character's share of the
        // whole-word result from its own full lower-casing, which keeps context rules such as
        // the final sigma (they never change a length) in the text.
        std::vector<std::size_t> shares;
        std::size_t total = 0;
        for (const auto& c : chars) {
            std::u16string one;
            appendUtf16(one, c.cp);
            std::size_t share = 0;
            forEachCodePoint(lowerUtf16(one), [&](char32_t) { ++share; });
            shares.push_back(share);
            total += share;
        }
        lower_chars.clear();
        std::vector<char32_t> lowered_cps;
        forEachCodePoint(lowered, [&](char32_t cp) { lowered_cps.push_back(cp); });
        if (total == lowered_cps.size()) {
            std::size_t next = 0;
            for (std::size_t i = 0; i < chars.size(); ++i) {
                for (std::size_t k = 0; k < shares[i]; ++k) {
                    lower_chars.push_back({lowered_cps[next++], chars[i].begin, chars[i].end});
                }
            }
        } else {
            // Lengths disagree (no known root-locale mapping does this): keep the word's
            // text exact and map every character to the whole word.
            for (const char32_t cp : lowered_cps) {
                lower_chars.push_back({cp, chars.front().begin, chars.back().end});
            }
        }
    }

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU NFD normaliser unavailable: ") + u_errorName(status));
    }
    std::vector<SourcedChar> decomposed;
    decomposed.reserve(lower_chars.size() + 4);
    icu::UnicodeString concatenated;
    icu::UnicodeString decomposition;
    for (const auto& c : lower_chars) {
        if (c.cp >= 0x80 && nfd->getDecomposition(static_cast<UChar32>(c.cp), decomposition)) {
            concatenated.append(decomposition);
            for (int32_t i = 0; i < decomposition.length();) {
                const UChar32 part = decomposition.char32At(i);
                decomposed.push_back({static_cast<char32_t>(part), c.begin, c.end});
                i += U16_LENGTH(part);
            }
        } else {
            concatenated.append(static_cast<UChar32>(c.cp));
            decomposed.push_back(c);
        }
    }
    if (!nfd->isNormalized(concatenated, status) && U_SUCCESS(status)) {
        // Combining marks out of canonical order: normalise the whole word; the characters
        // can no longer be traced one by one, so each maps to the whole word.
        const icu::UnicodeString normalized = nfd->normalize(concatenated, status);
        const std::uint32_t begin = chars.front().begin;
        const std::uint32_t end = chars.back().end;
        decomposed.clear();
        for (int32_t i = 0; i < normalized.length();) {
            const UChar32 part = normalized.char32At(i);
            decomposed.push_back({static_cast<char32_t>(part), begin, end});
            i += U16_LENGTH(part);
        }
    }
    std::vector<SourcedChar> stripped;
    stripped.reserve(decomposed.size());
    for (const auto& c : decomposed) {
        if (u_charType(static_cast<UChar32>(c.cp)) != U_NON_SPACING_MARK) {
            stripped.push_back(c);
        }
    }
    return stripped;
}

// Opens a word at the end of `out.normalized`.
BasicWords::Word& openWord(BasicWords& out, std::uint32_t source_begin, std::uint32_t map) {
    BasicWords::Word word;
    word.begin = static_cast<std::uint32_t>(out.normalized.size());
    word.end = word.begin;
    word.source_begin = source_begin;
    word.source_end = source_begin;
    word.map = map;
    out.words.push_back(word);
    return out.words.back();
}

}  // namespace

void BasicWords::clear() {
    normalized.clear();
    words.clear();
    source_begins.clear();
    source_ends.clear();
}

std::pair<std::uint32_t, std::uint32_t> BasicWords::sourceRange(const Word& word,
                                                                std::uint32_t begin,
                                                                std::uint32_t end) const {
    if (word.special_id >= 0 || end <= begin) {
        return {word.source_begin, word.source_end};
    }
    if (word.map == kIdentity) {
        return {word.source_begin + begin, word.source_begin + end};
    }
    return {source_begins[word.map + begin], source_ends[word.map + end - 1]};
}

BasicTokenizer::BasicTokenizer(std::vector<SpecialToken> special_tokens)
    : special_tokens_(std::move(special_tokens)) {
    std::erase_if(special_tokens_, [](const SpecialToken& token) { return token.text.empty(); });
}

bool BasicTokenizer::isPunctuation(char32_t cp) {
    if (cp < 128) {
        return kAsciiClasses[cp] == CharClass::kPunctuation;
    }
    return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_P_MASK) != 0;
}

bool BasicTokenizer::isCjkIdeograph(char32_t cp) {
    if (cp < 0x3400) {
        return false;
    }
    // The blocks BERT's _is_chinese_char lists by range (Unicode 15 block names).
    switch (ublock_getCode(static_cast<UChar32>(cp))) {
        case UBLOCK_CJK_UNIFIED_IDEOGRAPHS:
        case UBLOCK_CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A:
        case UBLOCK_CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B:
        case UBLOCK_CJK_UNIFIED_IDEOGRAPHS_EXTENSION_C:
        case UBLOCK_CJK_UNIFIED_IDEOGRAPHS_EXTENSION_D:
        case UBLOCK_CJK_UNIFIED_IDEOGRAPHS_EXTENSION_E:
        case UBLOCK_CJK_COMPATIBILITY_IDEOGRAPHS:
        case UBLOCK_CJK_COMPATIBILITY_IDEOGRAPHS_SUPPLEMENT:
            return true;
        default:
            return false;
    }
}

std::size_t BasicTokenizer::matchSpecial(std::string_view text, std::size_t pos,
                                         std::int32_t& id) const {
    for (const auto& special : special_tokens_) {
        if (text.substr(pos).starts_with(special.text)) {
            id = special.id;
            return special.text.size();
        }
    }
    return 0;
}

void BasicTokenizer::tokenize(std::string_view text, BasicWords& out) const {
    if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
        throw Error("text of " + std::to_string(text.size()) +
                    " bytes is too long to tokenize (limit 4 GiB)");
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {
            const CharClass cls = kAsciiClasses[byte];
            if (cls == CharClass::kSpace || cls == CharClass::kDrop) {
                ++pos;
                continue;
            }
        } else {
            std::size_t next = pos;
            const Boundary boundary = classifyUnicode(decodeUtf8(text, next));
            if (boundary == Boundary::kSpace || boundary == Boundary::kDrop) {
                pos = next;
                continue;
            }
        }
        std::int32_t special_id = -1;
        if (const auto length = text[pos] == '[' ? matchSpecial(text, pos, special_id) : 0;
            length > 0) {
            auto& word = openWord(out, static_cast<std::uint32_t>(pos), BasicWords::kIdentity);
            out.normalized.append(text.substr(pos, length));
            word.end = static_cast<std::uint32_t>(out.normalized.size());
            word.source_end = static_cast<std::uint32_t>(pos + length);
            word.special_id = special_id;
            pos += length;
            continue;
        }
        // Try the ASCII fast path; on the first character it cannot handle, undo what it
        // wrote for this chunk and redo the whole chunk with full Unicode processing (lower-
        // casing needs the whole word for its context rules).
        const std::size_t normalized_size = out.normalized.size();
        const std::size_t word_count = out.words.size();
        bool needs_unicode = false;
        const std::size_t end = tokenizeAsciiChunk(text, pos, out, needs_unicode);
        if (!needs_unicode) {
            pos = end;
            continue;
        }
        out.normalized.resize(normalized_size);
        out.words.resize(word_count);
        pos = tokenizeUnicodeChunk(text, pos, out);
    }
}

std::size_t BasicTokenizer::tokenizeAsciiChunk(std::string_view text, std::size_t pos,
                                               BasicWords& out, bool& needs_unicode) const {
    BasicWords::Word* word = nullptr;
    const auto close = [&](std::size_t at) {
        if (word != nullptr) {
            word->end = static_cast<std::uint32_t>(out.normalized.size());
            word->source_end = static_cast<std::uint32_t>(at);
            word = nullptr;
        }
    };
    for (; pos < text.size(); ++pos) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte >= 0x80) {
            needs_unicode = true;
            return pos;
        }
        const CharClass cls = kAsciiClasses[byte];
        switch (cls) {
            case CharClass::kWord:
            case CharClass::kUpper:
                if (word == nullptr) {
                    word = &openWord(out, static_cast<std::uint32_t>(pos), BasicWords::kIdentity);
                }
                out.normalized.push_back(
                    static_cast<char>(cls == CharClass::kUpper ? byte + ('a' - 'A') : byte));
                break;
            case CharClass::kPunctuation: {
                std::int32_t special_id = -1;
                if (byte == '[' && matchSpecial(text, pos, special_id) > 0) {
                    close(pos);
                    return pos;
                }
                close(pos);
                auto& punct = openWord(out, static_cast<std::uint32_t>(pos), BasicWords::kIdentity);
                out.normalized.push_back(static_cast<char>(byte));
                punct.end = punct.begin + 1;
                punct.source_end = static_cast<std::uint32_t>(pos + 1);
                break;
            }
            case CharClass::kSpace:
                close(pos);
                return pos;
            case CharClass::kDrop:
                // A removed character inside a word breaks the identity mapping of offsets.
                needs_unicode = true;
                return pos;
        }
    }
    close(pos);
    return pos;
}

std::size_t BasicTokenizer::tokenizeUnicodeChunk(std::string_view text, std::size_t pos,
                                                 BasicWords& out) const {
    std::vector<SourcedChar> chars;
    while (pos < text.size()) {
        std::int32_t special_id = -1;
        if (text[pos] == '[' && matchSpecial(text, pos, special_id) > 0) {
            break;
        }
        std::size_t next = pos;
        const char32_t cp = decodeUtf8(text, next);
        Boundary boundary = Boundary::kNone;
        if (cp < 0x80) {
            const CharClass cls = kAsciiClasses[cp];
            boundary = cls == CharClass::kSpace  ? Boundary::kSpace
                       : cls == CharClass::kDrop ? Boundary::kDrop
                                                 : Boundary::kNone;
        } else {
            boundary = classifyUnicode(cp);
        }
        if (boundary == Boundary::kSpace) {
            break;
        }
        if (boundary == Boundary::kCjk) {
            if (chars.empty()) {  // the ideograph is a chunk of its own
                chars.push_back(
                    {cp, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(next)});
                pos = next;
            }
            break;
        }
        if (boundary == Boundary::kNone) {
            chars.push_back(
                {cp, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(next)});
        }
        pos = next;
    }
    if (chars.empty()) {
        return pos;
    }
    // Step 5 on the normalised characters: punctuation becomes a word of its own.
    BasicWords::Word* word = nullptr;
    const auto append = [&](const SourcedChar& c) {
        const std::size_t before = out.normalized.size();
        appendUtf8(out.normalized, c.cp);
        for (std::size_t i = before; i < out.normalized.size(); ++i) {
            out.source_begins.push_back(c.begin);
            out.source_ends.push_back(c.end);
        }
        word->end = static_cast<std::uint32_t>(out.normalized.size());
        word->source_begin = std::min(word->source_begin, c.begin);
        word->source_end = std::max(word->source_end, c.end);
    };
    for (const auto& c : normalizeWord(chars)) {
        const bool punctuation = isPunctuation(c.cp);
        if (word == nullptr || punctuation) {
            word = &openWord(out, c.begin, static_cast<std::uint32_t>(out.source_begins.size()));
        }
        append(c);
        if (punctuation) {
            word = nullptr;
        }
    }
    return pos;
}

std::vector<std::string> BasicTokenizer::words(std::string_view text) const {
    BasicWords result;
    tokenize(text, result);
    std::vector<std::string> words;
    words.reserve(result.words.size());
    for (const auto& word : result.words) {
        words.emplace_back(result.text(word));
    }
    return words;
}

}  // namespace actbert::text
