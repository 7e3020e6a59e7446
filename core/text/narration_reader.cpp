#include "core/text/narration_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>

#include "core/common/error.h"

namespace actbert::text {

namespace {

// Subtitle and caption files are kilobytes to megabytes; the full HowTo100M caption JSON is
// about 1.5 GB, which a desktop should split first rather than parse into memory.
constexpr std::uintmax_t kMaxNarrationFileBytes = 512ull * 1024 * 1024;

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string_view stripBom(std::string_view content) {
    if (content.starts_with("\xEF\xBB\xBF")) {
        content.remove_prefix(3);
    }
    return content;
}

// Splits into lines, accepting \n, \r\n and \r.
std::vector<std::string_view> lines(std::string_view content) {
    std::vector<std::string_view> result;
    std::size_t start = 0;
    for (std::size_t i = 0; i < content.size(); ++i) {
        if (content[i] == '\n' || content[i] == '\r') {
            result.push_back(content.substr(start, i - start));
            if (content[i] == '\r' && i + 1 < content.size() && content[i + 1] == '\n') {
                ++i;
            }
            start = i + 1;
        }
    }
    if (start < content.size()) {
        result.push_back(content.substr(start));
    }
    return result;
}

std::string where(const std::string& source, std::size_t line_index) {
    return source + ":" + std::to_string(line_index + 1);
}

double parseNumber(std::string_view text, const std::string& where_text, const char* what) {
    text = trim(text);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        throw Error(where_text + ": " + what + " '" + std::string(text) + "' is not a number");
    }
    return value;
}

void checkSegment(const NarrationSegment& segment, const std::string& where_text) {
    if (segment.start_s < 0.0 || segment.end_s < segment.start_s) {
        throw Error(where_text + ": segment ends before it starts or starts before 0 (" +
                    std::to_string(segment.start_s) + " -> " + std::to_string(segment.end_s) + ")");
    }
}

// Removes <tags> and {\override} blocks, decodes the common entities, collapses spaces.
std::string cleanCueText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '<') {
            const auto close = text.find('>', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        } else if (c == '{' && i + 1 < text.size() && text[i + 1] == '\\') {
            const auto close = text.find('}', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        } else if (c == '&') {
            static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
                {"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"}, {"&nbsp;", " "},
                {"&quot;", "\""}, {"&apos;", "'"}, {"&lrm;", ""}, {"&rlm;", ""}};
            bool decoded = false;
            for (const auto& [entity, replacement] : kEntities) {
                if (text.substr(i).starts_with(entity)) {
                    out.append(replacement);
                    i += entity.size() - 1;
                    decoded = true;
                    break;
                }
            }
            if (decoded) {
                continue;
            }
        }
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') {
                out.push_back(' ');
            }
        } else {
            out.push_back(c);
        }
    }
    return std::string(trim(out));
}

// The "start --> end [settings]" line of SRT and WebVTT cues.
bool parseTimingLine(std::string_view line, NarrationSegment& segment,
                     const std::string& where_text) {
    const auto arrow = line.find("-->");
    if (arrow == std::string_view::npos) {
        return false;
    }
    std::string_view end_part = trim(line.substr(arrow + 3));
    if (const auto space = end_part.find_first_of(" \t"); space != std::string_view::npos) {
        end_part = end_part.substr(0, space);  // WebVTT cue settings follow
    }
    segment.start_s = NarrationReader::parseTimestamp(trim(line.substr(0, arrow)), where_text);
    segment.end_s = NarrationReader::parseTimestamp(end_part, where_text);
    checkSegment(segment, where_text);
    return true;
}

// Cue blocks separated by blank lines; `first_line` skips a header.
std::vector<NarrationSegment> parseCues(std::string_view content, const std::string& source,
                                        std::size_t first_line, bool webvtt) {
    const auto all = lines(stripBom(content));
    std::vector<NarrationSegment> segments;
    std::size_t i = first_line;
    while (i < all.size()) {
        if (trim(all[i]).empty()) {
            ++i;
            continue;
        }
        const std::size_t block_start = i;
        std::size_t block_end = i;
        while (block_end < all.size() && !trim(all[block_end]).empty()) {
            ++block_end;
        }
        const std::string_view head = trim(all[block_start]);
        if (webvtt &&
            (head.starts_with("NOTE") || head.starts_with("STYLE") || head.starts_with("REGION"))) {
            i = block_end;
            continue;
        }
        // The timing line is the first or (after a cue number / identifier) the second.
        NarrationSegment segment;
        std::size_t timing = block_start;
        if (!parseTimingLine(all[timing], segment, where(source, timing))) {
            ++timing;
            if (timing >= block_end ||
                !parseTimingLine(all[timing], segment, where(source, timing))) {
                throw Error(where(source, block_start) + ": expected a cue timing line " +
                            "'hh:mm:ss" + (webvtt ? "." : ",") + "mmm --> hh:mm:ss" +
                            (webvtt ? "." : ",") + "mmm'");
            }
        }
        std::string text;
        for (std::size_t line = timing + 1; line < block_end; ++line) {
            text += std::string(all[line]) + " ";
        }
        segment.text = cleanCueText(text);
        segments.push_back(std::move(segment));
        i = block_end;
    }
    return segments;
}

// One CSV record (RFC 4180 quoting) starting at `pos`; advances past its line end.
std::vector<std::string> csvRecord(std::string_view content, std::size_t& pos) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    while (pos < content.size()) {
        const char c = content[pos++];
        if (quoted) {
            if (c == '"') {
                if (pos < content.size() && content[pos] == '"') {
                    fields.back().push_back('"');
                    ++pos;
                } else {
                    quoted = false;
                }
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"' && fields.back().empty()) {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos < content.size() && content[pos] == '\n') {
                ++pos;
            }
            return fields;
        } else {
            fields.back().push_back(c);
        }
    }
    return fields;
}

std::string readWhole(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error("cannot read narration file " + path.string() + ": " + error.message());
    }
    if (size > kMaxNarrationFileBytes) {
        throw Error("narration file " + path.string() + " is " + std::to_string(size) +
                    " bytes; the limit is " + std::to_string(kMaxNarrationFileBytes) +
                    " (split it per video)");
    }
    std::ifstream in(path, std::ios::binary);
    std::string content(static_cast<std::size_t>(size), '\0');
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (!in && !in.eof()) {
        throw Error("cannot read narration file " + path.string());
    }
    return content;
}

}  // namespace

double NarrationReader::parseTimestamp(std::string_view text, const std::string& where_text) {
    // [hh:]mm:ss(,|.)fff with any number of fraction digits.
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ':') {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    const auto fail = [&]() {
        return Error(where_text + ": bad timestamp '" + std::string(text) + "'");
    };
    if (parts.size() < 2 || parts.size() > 3) {
        throw fail();
    }
    double seconds = 0.0;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        unsigned value = 0;
        const auto part = parts[i];
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || error != std::errc() || end != part.data() + part.size() ||
            (i > 0 && value >= 60)) {
            throw fail();
        }
        seconds = seconds * 60.0 + value;
    }
    std::string last(parts.back());
    std::replace(last.begin(), last.end(), ',', '.');
    double fraction = 0.0;
    const auto [end, error] = std::from_chars(last.data(), last.data() + last.size(), fraction);
    if (last.empty() || last.front() == '-' || error != std::errc() ||
        end != last.data() + last.size() || !std::isfinite(fraction) || fraction >= 60.0) {
        throw fail();
    }
    return seconds * 60.0 + fraction;
}

std::vector<NarrationSegment> NarrationReader::parseSrt(std::string_view content,
                                                        const std::string& source) {
    return parseCues(content, source, 0, false);
}

std::vector<NarrationSegment> NarrationReader::parseWebVtt(std::string_view content,
                                                           const std::string& source) {
    const auto all = lines(stripBom(content));
    if (all.empty() || !all.front().starts_with("WEBVTT") ||
        (all.front().size() > 6 && all.front()[6] != ' ' && all.front()[6] != '\t')) {
        throw Error(source + ": not a WebVTT file (the first line must be 'WEBVTT')");
    }
    // The header block runs to the first blank line.
    std::size_t first = 1;
    while (first < all.size() && !trim(all[first]).empty()) {
        ++first;
    }
    return parseCues(content, source, first, true);
}

std::vector<NarrationSegment> NarrationReader::parseHowToCsv(std::string_view content,
                                                             const std::string& source) {
    content = stripBom(content);
    std::size_t pos = 0;
    const auto header = csvRecord(content, pos);
    int start_column = -1;
    int end_column = -1;
    int text_column = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto name = trim(header[i]);
        if (name == "start") {
            start_column = static_cast<int>(i);
        } else if (name == "end") {
            end_column = static_cast<int>(i);
        } else if (name == "text") {
            text_column = static_cast<int>(i);
        }
    }
    if (start_column < 0 || end_column < 0 || text_column < 0) {
        throw Error(source + ": expected a header with the columns start,end,text");
    }
    std::vector<NarrationSegment> segments;
    for (std::size_t line = 1; pos < content.size(); ++line) {
        auto fields = csvRecord(content, pos);
        if (fields.size() == 1 && trim(fields[0]).empty()) {
            continue;
        }
        const auto where_text = where(source, line);
        if (fields.size() < header.size()) {
            throw Error(where_text + ": expected " + std::to_string(header.size()) +
                        " fields, got " + std::to_string(fields.size()));
        }
        // Unquoted ASR text may contain commas: the text column takes the surplus fields.
        if (fields.size() > header.size() && text_column == static_cast<int>(header.size()) - 1) {
            for (std::size_t extra = header.size(); extra < fields.size(); ++extra) {
                fields[header.size() - 1] += "," + fields[extra];
            }
        }
        NarrationSegment segment;
        segment.start_s = parseNumber(fields[start_column], where_text, "start");
        segment.end_s = parseNumber(fields[end_column], where_text, "end");
        checkSegment(segment, where_text);
        segment.text = std::string(trim(fields[text_column]));
        segments.push_back(std::move(segment));
    }
    return segments;
}

std::vector<Narration> NarrationReader::parseHowToJson(std::string_view content,
                                                       const std::string& source) {
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(content);
    } catch (const nlohmann::json::exception& e) {
        throw Error(source + ": not valid JSON: " + e.what());
    }
    if (!root.is_object()) {
        throw Error(source + ": expected an object {video: {start, end, text}}");
    }
    std::vector<Narration> narrations;
    for (const auto& [video, entry] : root.items()) {
        const std::string where_text = source + ": video '" + video + "'";
        if (!entry.is_object() || !entry.contains("start") || !entry.contains("end") ||
            !entry.contains("text") || !entry["start"].is_array() || !entry["end"].is_array() ||
            !entry["text"].is_array()) {
            throw Error(where_text + ": expected arrays start, end and text");
        }
        const auto& starts = entry["start"];
        const auto& ends = entry["end"];
        const auto& texts = entry["text"];
        if (starts.size() != ends.size() || starts.size() != texts.size()) {
            throw Error(where_text + ": start, end and text have different lengths");
        }
        Narration narration;
        narration.video = video;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const auto item_where = where_text + " item " + std::to_string(i);
            if (!starts[i].is_number() || !ends[i].is_number() || !texts[i].is_string()) {
                throw Error(item_where + ": expected numbers and a string");
            }
            NarrationSegment segment;
            segment.start_s = starts[i].get<double>();
            segment.end_s = ends[i].get<double>();
            if (!std::isfinite(segment.start_s) || !std::isfinite(segment.end_s)) {
                throw Error(item_where + ": times must be finite");
            }
            checkSegment(segment, item_where);
            segment.text = std::string(trim(texts[i].get<std::string>()));
            narration.segments.push_back(std::move(segment));
        }
        narrations.push_back(std::move(narration));
    }
    return narrations;
}

NarrationFormat NarrationReader::formatOf(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    for (auto& c : extension) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (extension == ".srt") {
        return NarrationFormat::kSrt;
    }
    if (extension == ".vtt") {
        return NarrationFormat::kWebVtt;
    }
    if (extension == ".csv") {
        return NarrationFormat::kHowToCsv;
    }
    if (extension == ".json") {
        return NarrationFormat::kHowToJson;
    }
    throw Error(path.string() + ": unknown narration format (expected .srt, .vtt, .csv or .json)");
}

std::vector<Narration> NarrationReader::readFile(const std::filesystem::path& path,
                                                 NarrationFormat format) {
    if (format == NarrationFormat::kAuto) {
        format = formatOf(path);
    }
    const std::string content = readWhole(path);
    const std::string source = path.string();
    if (format == NarrationFormat::kHowToJson) {
        return parseHowToJson(content, source);
    }
    Narration narration;
    narration.video = path.stem().string();
    switch (format) {
        case NarrationFormat::kSrt:
            narration.segments = parseSrt(content, source);
            break;
        case NarrationFormat::kWebVtt:
            narration.segments = parseWebVtt(content, source);
            break;
        default:
            narration.segments = parseHowToCsv(content, source);
            break;
    }
    return {std::move(narration)};
}

}  // namespace actbert::text
