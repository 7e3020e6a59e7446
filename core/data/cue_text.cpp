#include "core/data/cue_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace actbert::data {
namespace {

bool isWebVttSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

void appendUtf8(std::string& out, std::uint32_t code) {
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        code = 0xFFFD;  // what HTML's character reference rules give for these
    }
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// A character reference at `at` (which holds '&'): appends its value and returns the length
// consumed, or 0 when it is not one (the '&' is then text).
std::size_t decodeReference(std::string_view text, std::size_t at, std::string& out) {
    static const std::pair<std::string_view, std::string_view> kNamed[] = {
        {"&amp;", "&"},
        {"&lt;", "<"},
        {"&gt;", ">"},
        {"&nbsp;", "\xC2\xA0"},
        {"&lrm;", "\xE2\x80\x8E"},
        {"&rlm;", "\xE2\x80\x8F"}};
    for (const auto& [name, value] : kNamed) {
        if (text.substr(at, name.size()) == name) {
            out += value;
            return name.size();
        }
    }
    if (at + 2 >= text.size() || text[at + 1] != '#') {
        return 0;
    }
    const bool hex = text[at + 2] == 'x' || text[at + 2] == 'X';
    std::size_t i = at + (hex ? 3 : 2);
    std::uint32_t code = 0;
    std::size_t digits = 0;
    for (; i < text.size() && digits < 8; ++i, ++digits) {
        const char c = text[i];
        int digit = -1;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (hex && std::isxdigit(static_cast<unsigned char>(c))) {
            digit = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        } else {
            break;
        }
        code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
    }
    if (digits == 0 || i >= text.size() || text[i] != ';') {
        return 0;
    }
    appendUtf8(out, code);
    return i + 1 - at;
}

std::string decodeReferences(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '&') {
            if (const auto used = decodeReference(text, i, out); used > 0) {
                i += used;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::string collapseWhitespace(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (isWebVttSpace(c)) {
            space = !out.empty();
        } else {
            if (space) {
                out += ' ';
            }
            space = false;
            out += c;
        }
    }
    return out;
}

struct Token {
    enum class Kind { Text, StartTag, EndTag, Timestamp } kind = Kind::Text;
    std::string value;       // text, tag name or timestamp text
    std::string annotation;  // start tags only
};

// The cue text tokenizer's states collapsed into one scan per token: text runs until '<',
// a tag until '>' (or the end). Classes after '.' are read and dropped: they only style.
Token nextToken(std::string_view raw, std::size_t& at) {
    Token token;
    if (raw[at] != '<') {
        const auto end = raw.find('<', at);
        const auto stop = end == std::string_view::npos ? raw.size() : end;
        token.value = decodeReferences(raw.substr(at, stop - at));
        at = stop;
        return token;
    }
    const auto close = raw.find('>', at);
    const auto stop = close == std::string_view::npos ? raw.size() : close;
    const std::string_view inner = raw.substr(at + 1, stop - at - 1);
    at = close == std::string_view::npos ? raw.size() : close + 1;
    if (!inner.empty() && inner.front() == '/') {
        token.kind = Token::Kind::EndTag;
        token.value = std::string(inner.substr(1));
        return token;
    }
    if (!inner.empty() && std::isdigit(static_cast<unsigned char>(inner.front()))) {
        token.kind = Token::Kind::Timestamp;
        token.value = std::string(inner);
        return token;
    }
    token.kind = Token::Kind::StartTag;
    std::size_t name_end = 0;
    while (name_end < inner.size() && !isWebVttSpace(inner[name_end]) && inner[name_end] != '.') {
        ++name_end;
    }
    token.value = std::string(inner.substr(0, name_end));
    std::size_t annotation_start = name_end;
    while (annotation_start < inner.size() && !isWebVttSpace(inner[annotation_start])) {
        ++annotation_start;  // skip the classes
    }
    if (annotation_start < inner.size()) {
        token.annotation = collapseWhitespace(decodeReferences(inner.substr(annotation_start)));
    }
    return token;
}

// Leading and trailing whitespace of each line and empty lines go, and with them the same
// characters of the chunks, so the chunks still join to the text.
CueContent tidy(std::string text, std::vector<TimedText> chunks, std::string speaker) {
    std::vector<bool> keep(text.size(), false);
    std::size_t last_newline = std::string::npos;  // after the last line kept so far
    for (std::size_t line_start = 0; line_start <= text.size();) {
        auto line_end = text.find('\n', line_start);
        if (line_end == std::string::npos) {
            line_end = text.size();
        }
        std::size_t first = line_start;
        std::size_t last = line_end;
        while (first < last && isWebVttSpace(text[first])) {
            ++first;
        }
        while (last > first && isWebVttSpace(text[last - 1])) {
            --last;
        }
        if (first < last) {
            if (last_newline != std::string::npos) {
                keep[last_newline] = true;
            }
            std::fill(keep.begin() + static_cast<std::ptrdiff_t>(first),
                      keep.begin() + static_cast<std::ptrdiff_t>(last), true);
            last_newline = line_end < text.size() ? line_end : std::string::npos;
        }
        line_start = line_end + 1;
    }
    CueContent content;
    content.speaker = std::move(speaker);
    std::size_t offset = 0;
    for (auto& chunk : chunks) {
        std::string kept;
        for (std::size_t i = 0; i < chunk.text.size(); ++i) {
            if (keep[offset + i]) {
                kept += chunk.text[i];
            }
        }
        offset += chunk.text.size();
        if (!kept.empty()) {
            content.chunks.push_back({chunk.start_s, std::move(kept)});
        }
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (keep[i]) {
            content.text += text[i];
        }
    }
    return content;
}

}  // namespace

std::optional<double> parseWebVttTimestamp(std::string_view text) {
    std::size_t at = 0;
    const auto digits = [&](std::int64_t& value) {
        const std::size_t start = at;
        value = 0;
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
            if (at - start < 12) {
                value = value * 10 + (text[at] - '0');
            }
            ++at;
        }
        return at - start;
    };
    std::int64_t value1 = 0;
    std::int64_t value2 = 0;
    std::int64_t value3 = 0;
    std::int64_t fraction = 0;
    const std::size_t count1 = digits(value1);
    if (count1 == 0 || count1 > 12) {
        return std::nullopt;
    }
    const bool hours = count1 != 2 || value1 > 59;
    if (at >= text.size() || text[at++] != ':' || digits(value2) != 2) {
        return std::nullopt;
    }
    if (hours || (at < text.size() && text[at] == ':')) {
        if (at >= text.size() || text[at++] != ':' || digits(value3) != 2) {
            return std::nullopt;
        }
    } else {
        value3 = value2;
        value2 = value1;
        value1 = 0;
    }
    if (at >= text.size() || text[at++] != '.' || digits(fraction) != 3 || at != text.size()) {
        return std::nullopt;
    }
    if (value2 > 59 || value3 > 59) {
        return std::nullopt;
    }
    return static_cast<double>(value1) * 3600 + static_cast<double>(value2) * 60 +
           static_cast<double>(value3) + static_cast<double>(fraction) / 1000.0;
}

CueContent parseWebVttCueText(std::string_view raw, double start_s) {
    // The DOM construction rules keep a stack of open elements; only what closes which
    // matters for text, so the stack holds names.
    std::vector<std::string> open;
    std::string text;
    std::string speaker;
    std::vector<TimedText> chunks{{start_s, {}}};
    bool timed = false;
    static const std::string_view kElements[] = {"c", "i", "b", "u", "ruby", "rt", "v", "lang"};
    for (std::size_t at = 0; at < raw.size();) {
        Token token = nextToken(raw, at);
        switch (token.kind) {
            case Token::Kind::Text:
                text += token.value;
                chunks.back().text += token.value;
                break;
            case Token::Kind::StartTag: {
                bool known = false;
                for (const auto element : kElements) {
                    known = known || token.value == element;
                }
                // <rt> only means something inside <ruby>; unknown tags are dropped.
                if (!known || (token.value == "rt" && (open.empty() || open.back() != "ruby"))) {
                    break;
                }
                if (token.value == "v" && speaker.empty()) {
                    speaker = token.annotation;
                }
                open.push_back(token.value);
                break;
            }
            case Token::Kind::EndTag:
                if (!open.empty() && open.back() == token.value) {
                    open.pop_back();
                } else if (token.value == "ruby" && !open.empty() && open.back() == "rt") {
                    open.pop_back();
                    if (!open.empty()) {
                        open.pop_back();
                    }
                }
                break;
            case Token::Kind::Timestamp:
                if (const auto time = parseWebVttTimestamp(token.value)) {
                    chunks.push_back({*time, {}});
                    timed = true;
                }
                break;
        }
    }
    if (!timed) {
        chunks.clear();
    }
    return tidy(std::move(text), std::move(chunks), std::move(speaker));
}

CueContent parseSrtCueText(std::string_view raw) {
    static const std::string_view kTags[] = {"i", "b", "u", "s", "font"};
    std::string text;
    for (std::size_t at = 0; at < raw.size();) {
        if (raw[at] == '<') {
            const auto close = raw.find('>', at);
            if (close != std::string_view::npos) {
                std::string_view name = raw.substr(at + 1, close - at - 1);
                if (!name.empty() && name.front() == '/') {
                    name.remove_prefix(1);
                }
                const auto space = name.find_first_of(" \t");
                const std::string_view bare = name.substr(0, space);
                bool known = false;
                for (const auto tag : kTags) {
                    known = known ||
                            (bare.size() == tag.size() &&
                             std::equal(bare.begin(), bare.end(), tag.begin(), [](char a, char b) {
                                 return std::tolower(static_cast<unsigned char>(a)) == b;
                             }));
                }
                // <font> carries attributes; the others are bare.
                if (known &&
                    (space == std::string_view::npos || bare == "font" || bare == "FONT")) {
                    at = close + 1;
                    continue;
                }
            }
        }
        text += raw[at++];
    }
    return tidy(std::move(text), {}, {});
}

std::string escapeWebVtt(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '&') {
            out += "&amp;";
        } else if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace actbert::data
