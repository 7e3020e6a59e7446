#pragma once
// What every reader and writer shares: loading untrusted text with size and UTF-8 checks,
// positions for messages, strict number parsing, shortest round-trip number printing.
// Threading: free functions, safe from any thread.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace actbert::data {

// Large enough for COIN, YouCook2, CrossTask and HowTo100M subsets; larger files are refused
// before anything is allocated for them.
inline constexpr std::uintmax_t kMaxAnnotationFileBytes = 512ull << 20;

// Reads a whole text file: refuses files over `max_bytes`, invalid UTF-8 (naming the byte
// offset and line), and strips a UTF-8 byte-order mark. Throws actbert::Error naming the file.
std::string readTextFile(const std::filesystem::path& path,
                         std::uintmax_t max_bytes = kMaxAnnotationFileBytes);

// Offset of the first invalid UTF-8 byte, or npos.
std::size_t findInvalidUtf8(std::string_view text);

// "line 12, column 5" for a byte offset into `text`.
std::string describePosition(std::string_view text, std::size_t offset);

// A finite decimal number, nothing else (no trailing text, no inf/nan). Throws
// actbert::Error with `where` (file and position) in the message.
double parseNumber(std::string_view text, const std::string& where);
std::int64_t parseInteger(std::string_view text, const std::string& where);

// Shortest text that reads back as the same double ("60", "3.38", "0.1").
std::string formatNumber(double value);

// Seconds as "hh:mm:ss.mmm" (WebVTT) or "hh:mm:ss,mmm" (SRT).
std::string formatClock(double seconds, char decimal_separator);

std::string trim(std::string_view text);

}  // namespace actbert::data

namespace actbert::data {

// Checks one segment's times: finite, start >= 0, end > start, end within the video when its
// duration is known (> 0). Throws actbert::Error starting with `where`.
void checkSegmentTimes(double start_s, double end_s, double duration_s, const std::string& where);

}  // namespace actbert::data
