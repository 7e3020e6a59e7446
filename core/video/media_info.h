#pragma once
// What a media file contains: container, duration and every stream with the properties the
// studio shows (codec, time base, frame rates, size, rotation, audio layout, language).
// Threading: plain values; readMediaInfo() is safe from any thread (it opens its own context).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace actbert::video {

enum class StreamKind { Video, Audio, Subtitle, Data, Attachment, Unknown };

// A rational number as FFmpeg stores time bases and frame rates; {0, 1} means unknown.
struct Rational {
    int num = 0;
    int den = 1;
    double toDouble() const { return den == 0 ? 0.0 : static_cast<double>(num) / den; }
    bool operator==(const Rational&) const = default;
};

struct StreamInfo {
    int index = -1;  // the container's stream number (ffprobe's "index")
    StreamKind kind = StreamKind::Unknown;
    std::string codec;       // short codec name, e.g. "h264", "vp9", "opus"
    std::string codec_long;  // human readable codec name
    Rational time_base;
    double start_time_s = 0.0;          // first timestamp of the stream, 0 when unknown
    double duration_s = 0.0;            // 0 when the container does not say
    std::int64_t frame_count_hint = 0;  // the container's frame count (nb_frames), 0 if unknown
    std::string language;               // ISO 639 tag from metadata, empty if none
    std::string title;
    bool is_default = false;
    // video
    int width = 0;
    int height = 0;
    std::string pixel_format;
    Rational nominal_fps;       // the container's average frame rate (avg_frame_rate)
    Rational base_fps;          // r_frame_rate: the lowest rate all timestamps fit
    double measured_fps = 0.0;  // frames / span of pts; set once a frame index exists
    int rotation_deg = 0;       // clockwise rotation a player applies (0, 90, 180, 270)
    Rational sample_aspect;     // pixel aspect ratio, {0,1} when unknown
    // audio
    int sample_rate = 0;
    int channels = 0;
    std::string channel_layout;
    std::string sample_format;
};

struct MediaInfo {
    std::filesystem::path path;
    std::string container;       // demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    std::string container_long;  // human readable
    double duration_s = 0.0;
    double start_time_s = 0.0;  // the container's start time: 0 s on the file's timeline
    std::int64_t bit_rate = 0;
    std::int64_t file_size_bytes = 0;
    std::vector<StreamInfo> streams;
    int best_video_stream = -1;  // index into `streams`, -1 when there is no video
    int best_audio_stream = -1;

    const StreamInfo* video() const;
    const StreamInfo* audio() const;
    std::vector<const StreamInfo*> streamsOf(StreamKind kind) const;
};

const char* toString(StreamKind kind);

// Opens `path`, reads the headers (and probes a little when the container needs it).
// Throws actbert::Error naming the file when it is missing, unreadable or not media.
MediaInfo readMediaInfo(const std::filesystem::path& path);

}  // namespace actbert::video
