#pragma once
// Narration segments (timed sentences) from subtitle and ASR files, for the text pipeline:
// SRT, WebVTT, HowTo100M per-video CSV (`start,end,text`) and the HowTo100M caption JSON
// (`{video_id: {start: [...], end: [...], text: [...]}}`). Markup (<i>, <v Speaker>, {\an8})
// is removed and entities decoded; cue text lines are joined with spaces.
// Bad input (malformed times, end before start, non-finite numbers, huge files) gives an
// actbert::Error naming the file and line.
// Threading: stateless functions, safe from any thread.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace actbert::text {

struct NarrationSegment {
    double start_s = 0.0;
    double end_s = 0.0;
    std::string text;
};

struct Narration {
    std::string video;  // video id: the JSON key, or the file name without extension
    std::vector<NarrationSegment> segments;  // in file order
};

enum class NarrationFormat { kAuto, kSrt, kWebVtt, kHowToCsv, kHowToJson };

class NarrationReader {
public:
    // Picks the format from the extension (.srt .vtt .csv .json) unless given.
    static std::vector<Narration> readFile(const std::filesystem::path& path,
                                           NarrationFormat format = NarrationFormat::kAuto);
    static NarrationFormat formatOf(const std::filesystem::path& path);

    // `source` names the input in error messages.
    static std::vector<NarrationSegment> parseSrt(std::string_view content,
                                                  const std::string& source);
    static std::vector<NarrationSegment> parseWebVtt(std::string_view content,
                                                     const std::string& source);
    static std::vector<NarrationSegment> parseHowToCsv(std::string_view content,
                                                       const std::string& source);
    static std::vector<Narration> parseHowToJson(std::string_view content,
                                                 const std::string& source);

    // "01:02:03,500", "02:03.5" -> seconds; throws actbert::Error mentioning `where`.
    static double parseTimestamp(std::string_view text, const std::string& where);
};

}  // namespace actbert::text
