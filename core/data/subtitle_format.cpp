#include "core/data/subtitle_format.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/cue_text.h"
#include "core/data/format_support.h"
#include "core/data/rolling_captions.h"

namespace actbert::data {
namespace {

struct Line {
    std::string text;
    std::size_t number = 0;
};

// CRLF, CR and LF all end a line (WebVTT's rules; SRT files come with all three).
std::vector<Line> splitLines(const std::string& text) {
    std::vector<Line> lines;
    std::string line;
    std::size_t number = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            lines.push_back({std::move(line), number++});
            line.clear();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            line += c;
        }
    }
    if (!line.empty()) {
        lines.push_back({std::move(line), number});
    }
    return lines;
}

bool startsWithWord(const std::string& line, std::string_view word) {
    return line.starts_with(word) &&
           (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t');
}

// WebVTT blocks by the rules' "collect a block": an empty line ends a block, and so does a
// line with "-->" that cannot be this block's timing line (it starts the next cue).
std::vector<std::vector<Line>> webVttBlocks(const std::vector<Line>& lines, std::size_t first) {
    std::vector<std::vector<Line>> blocks;
    std::vector<Line> block;
    bool seen_arrow = false;
    for (std::size_t i = first; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.text.empty()) {
            if (!block.empty()) {
                blocks.push_back(std::move(block));
            }
            block.clear();
            seen_arrow = false;
            continue;
        }
        if (line.text.find("-->") != std::string::npos) {
            if (block.size() == 0 || (block.size() == 1 && !seen_arrow)) {
                seen_arrow = true;
            } else {
                blocks.push_back(std::move(block));
                block.clear();
                seen_arrow = true;
            }
        }
        block.push_back(line);
    }
    if (!block.empty()) {
        blocks.push_back(std::move(block));
    }
    return blocks;
}

// SRT has no written rules; its players end a block at a blank (or all-space) line.
std::vector<std::vector<Line>> srtBlocks(const std::vector<Line>& lines) {
    std::vector<std::vector<Line>> blocks;
    std::vector<Line> block;
    for (const auto& line : lines) {
        if (trim(line.text).empty()) {
            if (!block.empty()) {
                blocks.push_back(std::move(block));
            }
            block.clear();
        } else {
            block.push_back(line);
        }
    }
    if (!block.empty()) {
        blocks.push_back(std::move(block));
    }
    return blocks;
}

// SRT's "hh:mm:ss,mmm" as players take it: a '.' for the comma and "mm:ss" also do.
double parseSrtClock(const std::string& text, const std::string& where) {
    const std::string clock = trim(text);
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto colon = clock.find(':', start);
        parts.push_back(clock.substr(start, colon - start));
        if (colon == std::string::npos) {
            break;
        }
        start = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 3) {
        throw Error(where + ": '" + clock + "' is not a timestamp (hh:mm:ss,mmm)");
    }
    std::string seconds = parts.back();
    std::replace(seconds.begin(), seconds.end(), ',', '.');
    const double hours = parts.size() == 3 ? parseInteger(parts[0], where + " (hours)") : 0;
    const double minutes = parseInteger(parts[parts.size() - 2], where + " (minutes)");
    const double secs = parseNumber(seconds, where + " (seconds)");
    if (hours < 0 || minutes < 0 || minutes >= 60 || secs < 0 || secs >= 60) {
        throw Error(where + ": '" + clock + "' is not a valid timestamp");
    }
    return hours * 3600 + minutes * 60 + secs;
}

// "start --> end[ settings]" by WebVTT's rules: the start is all that comes before the arrow,
// the end is the timestamp right after it, and anything behind the end is cue settings.
void parseWebVttTiming(const std::string& line, const std::string& where, SegmentRecord& cue) {
    const auto arrow = line.find("-->");
    const std::string start_text = trim(line.substr(0, arrow));
    std::string end_text = trim(line.substr(arrow + 3));
    end_text = end_text.substr(0, end_text.find_first_not_of("0123456789:."));
    const auto start = parseWebVttTimestamp(start_text);
    const auto end = parseWebVttTimestamp(end_text);
    if (!start || !end) {
        throw Error(where + ": '" + (start ? end_text : start_text) +
                    "' is not a WebVTT timestamp (hh:mm:ss.ttt or mm:ss.ttt)");
    }
    cue.start_s = *start;
    cue.end_s = *end;
    checkSegmentTimes(cue.start_s, cue.end_s, 0, where);
}

void parseSrtTiming(const std::string& line, const std::string& where, SegmentRecord& cue) {
    const auto arrow = line.find("-->");
    std::string end_text = trim(line.substr(arrow + 3));
    // Some SRT writers put display coordinates ("X1:..") after the end time.
    end_text = end_text.substr(0, end_text.find_first_of(" \t"));
    cue.start_s = parseSrtClock(line.substr(0, arrow), where);
    cue.end_s = parseSrtClock(end_text, where);
    checkSegmentTimes(cue.start_s, cue.end_s, 0, where);
}

// Cue text may not contain blank lines (they end the cue) or "-->".
std::string cueText(std::string text) {
    std::string out;
    bool previous_newline = true;
    for (const char c : text) {
        if (c == '\r') {
            continue;
        }
        if (c == '\n' && previous_newline) {
            continue;
        }
        out += c;
        previous_newline = c == '\n';
    }
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    for (std::size_t at = out.find("-->"); at != std::string::npos; at = out.find("-->", at)) {
        out.replace(at, 3, "->");
    }
    return out.empty() ? std::string(" ") : out;
}

// The cue's text as WebVTT markup: its voice, and inline timestamps where parts are timed.
std::string webVttCueText(const SegmentRecord& segment) {
    std::string out;
    if (!segment.speaker.empty()) {
        out += "<v " + escapeWebVtt(segment.speaker) + ">";
    }
    // Word times kept from an import go stale when the text or times are edited later; they
    // are written only while they still spell the label, ascending inside the cue, as the
    // WebVTT rules require of inline timestamps.
    std::string joined;
    double previous_s = segment.start_s;
    bool inside = true;
    for (const auto& chunk : segment.chunks) {
        joined += chunk.text;
        inside = inside && chunk.start_s >= previous_s && chunk.start_s < segment.end_s;
        previous_s = chunk.start_s;
    }
    if (segment.chunks.empty() || joined != segment.label || !inside) {
        return out + escapeWebVtt(segment.label);
    }
    for (const auto& chunk : segment.chunks) {
        if (&chunk != &segment.chunks.front() || chunk.start_s != segment.start_s) {
            out += "<" + formatClock(chunk.start_s, '.') + ">";
        }
        out += escapeWebVtt(chunk.text);
    }
    return out;
}

}  // namespace

AnnotationDocument SubtitleFormat::read(const std::filesystem::path& path, Flavour flavour,
                                        const std::string& video_key) {
    const std::string text = readTextFile(path);
    const std::string file = path.string();
    const bool vtt = flavour == Flavour::WebVtt;
    const auto lines = splitLines(text);
    std::vector<std::vector<Line>> blocks;
    if (vtt) {
        if (lines.empty() || !startsWithWord(lines.front().text, "WEBVTT")) {
            throw Error(file + ", line 1: a WebVTT file starts with 'WEBVTT'");
        }
        std::size_t first = 1;  // the header runs to the first empty line
        while (first < lines.size() && !lines[first].text.empty()) {
            ++first;
        }
        blocks = webVttBlocks(lines, first);
    } else {
        blocks = srtBlocks(lines);
    }
    AnnotationDocument document;
    document.source = file;
    std::map<std::string, std::string> note;
    TrackRecord track;
    track.name = vtt ? "vtt" : "srt";
    track.kind = store::TrackKind::Captions;
    for (const auto& block : blocks) {
        const std::string& first = block.front().text;
        const std::string block_at = file + ", line " + std::to_string(block.front().number);
        std::size_t timing = 0;
        if (first.find("-->") == std::string::npos) {
            timing = 1;  // a cue identifier (WebVTT) or the cue number (SRT) comes first
        }
        if (timing >= block.size() || block[timing].text.find("-->") == std::string::npos) {
            if (vtt && (startsWithWord(first, "NOTE") || startsWithWord(first, "STYLE") ||
                        startsWithWord(first, "REGION"))) {
                if (first == "NOTE actbert") {
                    for (std::size_t i = 1; i < block.size(); ++i) {
                        const auto colon = block[i].text.find(": ");
                        if (colon != std::string::npos) {
                            note[block[i].text.substr(0, colon)] = block[i].text.substr(colon + 2);
                        }
                    }
                }
                continue;
            }
            document.warnings.push_back(block_at +
                                        ": block skipped, expected a cue timing line "
                                        "'start --> end'");
            continue;
        }
        const std::string where = file + ", line " + std::to_string(block[timing].number);
        SegmentRecord segment;
        try {
            if (vtt) {
                parseWebVttTiming(block[timing].text, where, segment);
            } else {
                parseSrtTiming(block[timing].text, where, segment);
            }
        } catch (const Error& error) {
            document.warnings.push_back(std::string(error.what()) + "; cue skipped");
            continue;
        }
        if (timing == 1 && vtt) {
            long long start_frame = 0;
            long long end_frame = 0;
            char tail = 0;
            if (std::sscanf(first.c_str(), "frames %lld-%lld%c", &start_frame, &end_frame, &tail) ==
                2) {
                segment.start_frame = start_frame;
                segment.end_frame = end_frame;
            } else {
                segment.external_id = first;
            }
        }
        std::string raw;
        for (std::size_t i = timing + 1; i < block.size(); ++i) {
            raw += (i == timing + 1 ? "" : "\n") + block[i].text;
        }
        CueContent content = vtt ? parseWebVttCueText(raw, segment.start_s) : parseSrtCueText(raw);
        segment.label = std::move(content.text);
        segment.speaker = std::move(content.speaker);
        segment.chunks = std::move(content.chunks);
        segment.origin = where;
        track.segments.push_back(std::move(segment));
    }
    if (track.segments.empty() && !document.warnings.empty()) {
        throw Error(document.warnings.front() + " (no cue in the file could be read)");
    }
    if (looksLikeRollingCaptions(track.segments)) {
        if (const auto folded = removeRollingRepeats(track.segments); folded > 0) {
            document.warnings.push_back(file +
                                        ": auto-generated captions: " + std::to_string(folded) +
                                        " cue(s) that only repeat earlier lines were left out");
        }
    }
    VideoRecord video;
    video.key = !note["video"].empty() ? note["video"]
                                       : (video_key.empty() ? path.stem().string() : video_key);
    video.origin = file;
    try {
        if (!note["track"].empty()) {
            track.name = note["track"];
        }
        if (!note["kind"].empty()) {
            track.kind = store::parseTrackKind(note["kind"]);
        }
        if (!note["fps"].empty()) {
            video.fps = store::parseRational(note["fps"]);
        }
        if (!note["time_base"].empty()) {
            video.time_base = store::parseRational(note["time_base"]);
        }
    } catch (const Error& error) {
        throw Error(file + ": NOTE actbert block: " + error.what());
    }
    video.tracks.push_back(std::move(track));
    document.videos.push_back(std::move(video));
    return document;
}

AnnotationDocument SubtitleFormat::fromCues(const std::string& source, const std::string& video_key,
                                            TrackRecord track) {
    AnnotationDocument document;
    document.source = source;
    std::vector<SegmentRecord> kept;
    for (auto& cue : track.segments) {
        try {
            checkSegmentTimes(cue.start_s, cue.end_s, 0, cue.origin);
            kept.push_back(std::move(cue));
        } catch (const Error& error) {
            document.warnings.push_back(std::string(error.what()) + "; cue skipped");
        }
    }
    track.segments = std::move(kept);
    if (looksLikeRollingCaptions(track.segments)) {
        if (const auto folded = removeRollingRepeats(track.segments); folded > 0) {
            document.warnings.push_back(source +
                                        ": auto-generated captions: " + std::to_string(folded) +
                                        " cue(s) that only repeat earlier lines were left out");
        }
    }
    VideoRecord video;
    video.key = video_key;
    video.origin = source;
    video.tracks.push_back(std::move(track));
    document.videos.push_back(std::move(video));
    return document;
}

void SubtitleFormat::write(const AnnotationDocument& document, const std::filesystem::path& path,
                           Flavour flavour) {
    const bool vtt = flavour == Flavour::WebVtt;
    if (document.videos.size() != 1 || document.videos.front().tracks.size() != 1) {
        std::size_t tracks = 0;
        for (const auto& video : document.videos) {
            tracks += video.tracks.size();
        }
        throw Error(path.string() +
                    ": a subtitle file holds one track of one video, the "
                    "selection has " +
                    std::to_string(tracks) + " track(s) in " +
                    std::to_string(document.videos.size()) +
                    " video(s) (choose with --video and --track)");
    }
    const VideoRecord& video = document.videos.front();
    const TrackRecord& track = video.tracks.front();
    std::string out;
    if (vtt) {
        out += "WEBVTT\n\nNOTE actbert\nvideo: " + video.key + "\ntrack: " + track.name +
               "\nkind: " + std::string(store::toString(track.kind));
        if (video.fps) {
            out += "\nfps: " + video.fps->toString();
        }
        if (video.time_base) {
            out += "\ntime_base: " + video.time_base->toString();
        }
        out += "\n\n";
    }
    std::size_t number = 0;
    for (const auto& segment : track.segments) {
        ++number;
        if (vtt) {
            if (segment.start_frame && segment.end_frame) {
                out += "frames " + std::to_string(*segment.start_frame) + "-" +
                       std::to_string(*segment.end_frame) + "\n";
            }
            out += formatClock(segment.start_s, '.') + " --> " + formatClock(segment.end_s, '.') +
                   "\n" + cueText(webVttCueText(segment)) + "\n\n";
        } else {
            out += std::to_string(number) + "\n" + formatClock(segment.start_s, ',') + " --> " +
                   formatClock(segment.end_s, ',') + "\n" + cueText(segment.label) + "\n\n";
        }
    }
    writeFileAtomically(path, out);
}

}  // namespace actbert::data
