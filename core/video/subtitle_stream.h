#pragma once
// The text subtitle streams inside a video (Matroska/MP4 text tracks: SubRip, WebVTT, ASS,
// mov_text), read through FFmpeg's subtitle decoders. Every text decoder hands its cues over
// as ASS dialogue; the text comes back plain: override tags such as {\i1} dropped, \N as a
// line break. Times are on the file's timeline (the container's start time is 0 s), the same
// clock the frame index uses. Bitmap subtitles (DVD, PGS) have no text and are refused.
// Threading: stateless functions; each call opens its own demuxer.
//
//   for (const auto* s : video::readMediaInfo(path).streamsOf(video::StreamKind::Subtitle))
//       ...  // s->index, s->language
//   const auto track = video::readSubtitleStream(path, chooseSubtitleStream(info, {}, "spa"));

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/video/media_info.h"

namespace actbert::video {

struct SubtitleCue {
    double start_s = 0.0;
    double end_s = 0.0;
    std::string text;
};

struct SubtitleTrack {
    int stream_index = -1;
    std::string codec;
    std::string language;
    std::string title;
    std::vector<SubtitleCue> cues;  // in stream order
};

// The subtitle stream to read: `stream` when given (it must be a subtitle stream), else the
// first whose language is `language` (ISO 639-2 as in the container, or its two-letter form
// "en" for "eng"), else, with neither given, the only or the default one. Throws
// actbert::Error naming the file and listing the streams there are.
int chooseSubtitleStream(const MediaInfo& info, std::optional<int> stream,
                         const std::string& language);

// Decodes every cue of the stream `stream_index`. Throws actbert::Error naming the file
// (not a subtitle stream, a bitmap format, a decoder error); actbert::Cancelled on cancel.
SubtitleTrack readSubtitleStream(const std::filesystem::path& path, int stream_index,
                                 const CancelToken& cancel = CancelToken());

// Whether a subtitle codec (StreamInfo::codec, FFmpeg's short name) carries text, which
// readSubtitleStream can read, rather than pictures (dvd_subtitle, hdmv_pgs_subtitle).
bool isTextSubtitleCodec(const std::string& codec);

// ASS dialogue text ("{\i1}two\Nlines") as plain text ("two\nlines").
std::string assToPlainText(const std::string& dialogue_text);

}  // namespace actbert::video
