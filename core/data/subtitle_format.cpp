#include "core/data/subtitle_format.h"

#include <map>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/format_support.h"

namespace actbert::data {
namespace {

struct Line {
    std::string text;
    std::size_t number = 0;
};

std::vector<std::vector<Line>> splitBlocks(const std::string& text) {
    std::vector<std::vector<Line>> blocks;
    std::vector<Line> block;
    std::size_t start = 0;
    std::size_t number = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        ++number;
        if (trim(line).empty()) {
            if (!block.empty()) {
                blocks.push_back(std::move(block));
                block.clear();
            }
        } else {
            block.push_back({std::move(line), number});
        }
        start = end + 1;
    }
    if (!block.empty()) {
        blocks.push_back(std::move(block));
    }
    return blocks;
}

// "hh:mm:ss.mmm", "mm:ss.mmm" (WebVTT), "hh:mm:ss,mmm" (SRT).
double parseClock(const std::string& text, const std::string& where) {
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
        throw Error(where + ": '" + clock + "' is not a timestamp (hh:mm:ss.mmm)");
    }
    std::string seconds = parts.back();
    for (auto& c : seconds) {
        if (c == ',') {
            c = '.';
        }
    }
    const double hours = parts.size() == 3 ? parseInteger(parts[0], where + " (hours)") : 0;
    const double minutes = parseInteger(parts[parts.size() - 2], where + " (minutes)");
    const double secs = parseNumber(seconds, where + " (seconds)");
    if (hours < 0 || minutes < 0 || minutes >= 60 || secs < 0 || secs >= 60) {
        throw Error(where + ": '" + clock + "' is not a valid timestamp");
    }
    return hours * 3600 + minutes * 60 + secs;
}

std::string unescapeVtt(const std::string& text) {
    static const std::pair<const char*, const char*> kEntities[] = {{"&amp;", "&"},
                                                                    {"&lt;", "<"},
                                                                    {"&gt;", ">"},
                                                                    {"&nbsp;", "\xC2\xA0"},
                                                                    {"&lrm;", "\xE2\x80\x8E"},
                                                                    {"&rlm;", "\xE2\x80\x8F"}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&') {
            for (const auto& [entity, value] : kEntities) {
                if (text.compare(i, std::char_traits<char>::length(entity), entity) == 0) {
                    out += value;
                    i += std::char_traits<char>::length(entity);
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out += text[i++];
        }
    }
    return out;
}

std::string escapeVtt(const std::string& text) {
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

}  // namespace

AnnotationDocument SubtitleFormat::read(const std::filesystem::path& path, Flavour flavour,
                                        const std::string& video_key) {
    const std::string text = readTextFile(path);
    const std::string file = path.string();
    auto blocks = splitBlocks(text);
    const bool vtt = flavour == Flavour::WebVtt;
    std::map<std::string, std::string> note;
    if (vtt) {
        if (blocks.empty() || !blocks.front().front().text.starts_with("WEBVTT")) {
            throw Error(file + ", line 1: a WebVTT file starts with 'WEBVTT'");
        }
        blocks.front().erase(blocks.front().begin());  // header lines until the blank line
        blocks.front().clear();
    }
    TrackRecord track;
    track.name = vtt ? "vtt" : "srt";
    track.kind = store::TrackKind::Captions;
    for (auto& block : blocks) {
        if (block.empty()) {
            continue;
        }
        const std::string& first = block.front().text;
        if (vtt && (first.starts_with("NOTE") || first.starts_with("STYLE") ||
                    first.starts_with("REGION"))) {
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
        std::size_t timing = 0;
        if (first.find("-->") == std::string::npos) {
            timing = 1;  // a cue identifier (WebVTT) or the cue number (SRT) comes first
            if (!vtt) {
                parseInteger(first, file + ", line " + std::to_string(block.front().number) +
                                        " (cue number)");
            }
        }
        if (timing >= block.size() || block[timing].text.find("-->") == std::string::npos) {
            throw Error(file + ", line " + std::to_string(block.front().number) +
                        ": expected a cue timing line 'start --> end'");
        }
        const std::string where = file + ", line " + std::to_string(block[timing].number);
        const std::string& timing_line = block[timing].text;
        const auto arrow = timing_line.find("-->");
        std::string end_text = trim(timing_line.substr(arrow + 3));
        // WebVTT cue settings follow the end time after whitespace.
        if (const auto space = end_text.find_first_of(" \t"); space != std::string::npos) {
            end_text = end_text.substr(0, space);
        }
        SegmentRecord segment;
        segment.start_s = parseClock(timing_line.substr(0, arrow), where);
        segment.end_s = parseClock(end_text, where);
        checkSegmentTimes(segment.start_s, segment.end_s, 0, where);
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
        std::string cue;
        for (std::size_t i = timing + 1; i < block.size(); ++i) {
            cue += (cue.empty() ? "" : "\n") + block[i].text;
        }
        segment.label = vtt ? unescapeVtt(cue) : cue;
        segment.origin = where;
        track.segments.push_back(std::move(segment));
    }
    AnnotationDocument document;
    document.source = file;
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
                   "\n" + cueText(escapeVtt(segment.label)) + "\n\n";
        } else {
            out += std::to_string(number) + "\n" + formatClock(segment.start_s, ',') + " --> " +
                   formatClock(segment.end_s, ',') + "\n" + cueText(segment.label) + "\n\n";
        }
    }
    writeFileAtomically(path, out);
}

}  // namespace actbert::data
