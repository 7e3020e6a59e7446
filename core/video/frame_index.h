#pragma once
// The frame index of one video stream: every frame's pts, time and key flag, in presentation
// order, numbered exactly as `ffmpeg -i FILE -vsync passthrough` and `ffprobe -show_frames`
// number them (frame N here is picture N there). Built once by FrameIndexBuilder, then saved
// beside the project and reloaded.
// Threading: an immutable value after construction; const methods are safe from any thread.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/video/media_info.h"

namespace actbert::video {

inline constexpr std::int64_t kNoTimestamp = INT64_MIN;

struct FrameEntry {
    std::int64_t pts = kNoTimestamp;  // presentation timestamp in the stream's time base
    std::int64_t dts = kNoTimestamp;  // decode timestamp of the frame's packet, if known
    std::int64_t pos = -1;            // byte position of the frame's packet, -1 if unknown
    double time_s = 0.0;              // seconds on the file's timeline (see FrameIndex)
    bool is_key = false;              // decoding can start at this frame's packet
};

// How the index was built: by reading packets only, or by decoding every frame because the
// container did not give trustworthy presentation timestamps (say so to the user).
enum class IndexMethod { PacketScan, DecodeScan };

class FrameIndex {
public:
    FrameIndex() = default;
    FrameIndex(int stream_index, Rational time_base, double origin_s, IndexMethod method,
               std::vector<FrameEntry> frames, std::int64_t source_size_bytes);

    // time_s = pts * time_base - origin_s; origin_s is the container's start time, so 0 s is
    // the start of the file as players show it and `ffmpeg -ss` seeks.
    double originS() const { return origin_s_; }
    int streamIndex() const { return stream_index_; }
    Rational timeBase() const { return time_base_; }
    IndexMethod method() const { return method_; }
    std::int64_t sourceSizeBytes() const { return source_size_bytes_; }

    std::int64_t size() const { return static_cast<std::int64_t>(frames_.size()); }
    bool empty() const { return frames_.empty(); }
    const FrameEntry& operator[](std::int64_t index) const { return frames_[index]; }
    const std::vector<FrameEntry>& frames() const { return frames_; }

    // The frame on screen at `time_s`: the last frame whose time is <= time_s (the first frame
    // for earlier times, the last frame for later ones). -1 when the index is empty.
    std::int64_t frameAtTime(double time_s) const;
    // The frame with exactly this pts, or nullopt.
    std::optional<std::int64_t> frameWithPts(std::int64_t pts) const;
    // The nearest key frame at or before `index` (presentation order), or -1 if none.
    std::int64_t keyFrameAtOrBefore(std::int64_t index) const;
    std::int64_t keyFrameCount() const;

    // Frames per second measured over the pts span (0 with fewer than two frames).
    double measuredFps() const;
    // Seconds from the first frame's start to the last frame's end (last frame lasts as
    // long as the average frame before it).
    double durationS() const;

    // A small JSON object for the project store: frame_count, key_frame_count, method,
    // time_base, origin_s, first_pts, last_pts, measured_fps, duration_s.
    std::string summaryJson() const;

    // Binary file with a header, a checksum and validation on load; written atomically.
    void save(const std::filesystem::path& path) const;
    // Throws actbert::Error naming the file when it is missing, truncated, corrupt or from
    // another version.
    static FrameIndex load(const std::filesystem::path& path);

private:
    int stream_index_ = -1;
    Rational time_base_;
    double origin_s_ = 0.0;
    IndexMethod method_ = IndexMethod::PacketScan;
    std::int64_t source_size_bytes_ = 0;
    std::vector<FrameEntry> frames_;           // presentation order, strictly increasing pts
    std::vector<std::int64_t> key_positions_;  // indices of key frames, increasing
};

const char* toString(IndexMethod method);

}  // namespace actbert::video
