#include "core/data/format_support.h"

#include <charconv>
#include <cmath>
#include <fstream>

#include "core/common/error.h"

namespace actbert::data {

std::size_t findInvalidUtf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            code = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            code = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            code = lead & 0x07;
        } else {
            return i;
        }
        if (i + length > size) {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return i;
            }
            code = (code << 6) | (bytes[i + k] & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid.
        const bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                              (length == 4 && code < 0x10000);
        if (overlong || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
            return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

std::string describePosition(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

std::string readTextFile(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw Error(path.string() + ": no such file");
    }
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error(path.string() + ": cannot read its size: " + error.message());
    }
    if (size > max_bytes) {
        throw Error(path.string() + ": file is " + std::to_string(size >> 20) +
                    " MiB, more than the " + std::to_string(max_bytes >> 20) +
                    " MiB an annotation file may have; split it into smaller files");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(path.string() + ": cannot open for reading");
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (const auto bad = findInvalidUtf8(text); bad != std::string::npos) {
        throw Error(path.string() + ": invalid UTF-8 at byte " + std::to_string(bad) + " (" +
                    describePosition(text, bad) + ")");
    }
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.erase(0, 3);
    }
    return text;
}

double parseNumber(std::string_view text, const std::string& where) {
    const std::string trimmed = trim(text);
    double value = 0.0;
    const char* begin = trimmed.data();
    const char* end = begin + trimmed.size();
    if (!trimmed.empty() && *begin == '+') {
        ++begin;
    }
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (trimmed.empty() || error != std::errc() || stop != end || !std::isfinite(value)) {
        throw Error(where + ": expected a number, found '" + std::string(text.substr(0, 40)) + "'");
    }
    return value;
}

std::int64_t parseInteger(std::string_view text, const std::string& where) {
    const std::string trimmed = trim(text);
    std::int64_t value = 0;
    const auto [stop, error] =
        std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (trimmed.empty() || error != std::errc() || stop != trimmed.data() + trimmed.size()) {
        throw Error(where + ": expected a whole number, found '" + std::string(text.substr(0, 40)) +
                    "'");
    }
    return value;
}

std::string formatNumber(double value) {
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return std::string(buffer, end);
}

std::string formatClock(double seconds, char decimal_separator) {
    const std::int64_t total_ms = std::llround(std::max(0.0, seconds) * 1000.0);
    const std::int64_t ms = total_ms % 1000;
    const std::int64_t total_s = total_ms / 1000;
    char buffer[48];
    std::snprintf(buffer, sizeof(buffer), "%02lld:%02lld:%02lld%c%03lld",
                  static_cast<long long>(total_s / 3600), static_cast<long long>(total_s / 60 % 60),
                  static_cast<long long>(total_s % 60), decimal_separator,
                  static_cast<long long>(ms));
    return buffer;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace actbert::data

namespace actbert::data {

void checkSegmentTimes(double start_s, double end_s, double duration_s, const std::string& where) {
    if (!std::isfinite(start_s) || !std::isfinite(end_s)) {
        throw Error(where + ": segment times must be finite numbers");
    }
    if (start_s < 0) {
        throw Error(where + ": segment starts at a negative time (" + formatNumber(start_s) + ")");
    }
    if (end_s <= start_s) {
        throw Error(where + ": segment ends (" + formatNumber(end_s) + ") before it starts (" +
                    formatNumber(start_s) + ")");
    }
    // A millisecond of slack for durations rounded when they were written.
    if (duration_s > 0 && end_s > duration_s + 1e-3) {
        throw Error(where + ": segment ends at " + formatNumber(end_s) +
                    " s, past the end of the video (" + formatNumber(duration_s) + " s)");
    }
}

}  // namespace actbert::data
