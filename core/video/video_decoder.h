#pragma once
// Frame-exact video decoding: random access by frame number or time, fast sequential reads,
// RGB24 output at native size or resized/cropped for a model, a small cache of recently
// decoded GOPs so stepping backwards is cheap.
//
// Threading: a VideoDecoder is NOT thread-safe; use one decoder per thread (open the file
// once per thread). A decoder may be moved to another thread between calls; a moved-from
// decoder may only be destroyed or assigned to. The RgbFrame values it returns are immutable
// and may be shared freely across threads.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/common/progress.h"
#include "core/video/frame_index.h"
#include "core/video/frame_index_builder.h"
#include "core/video/media_info.h"
#include "core/video/rgb_frame.h"

namespace actbert::video {

struct VideoDecoderOptions {
    // Decoding threads; 0 lets FFmpeg choose (as the ffmpeg command line does).
    int threads = 0;
    // Budget for the cache of decoded pictures (YUV) of recently decoded GOPs: 64 MB holds
    // ~46 frames of 720p, ~20 of 1080p, enough to step backwards a second or two without
    // seeking. Larger budgets cost page faults while the decoder's buffer pool grows.
    std::int64_t cache_bytes = 64ll * 1024 * 1024;
    IndexStrategy index_strategy = IndexStrategy::Auto;
};

class VideoDecoder {
public:
    // Opens `path` and its main video stream. When `index` is given (e.g. loaded from a saved
    // file) it is used after a size check instead of scanning the file again.
    // Throws actbert::Error naming the file when it is missing, corrupt or has no video.
    explicit VideoDecoder(const std::filesystem::path& path, VideoDecoderOptions options = {},
                          std::optional<FrameIndex> index = std::nullopt,
                          const ProgressFn& progress = {}, const CancelToken& cancel = {});
    ~VideoDecoder();
    VideoDecoder(VideoDecoder&&) noexcept;
    VideoDecoder& operator=(VideoDecoder&&) noexcept;
    VideoDecoder(const VideoDecoder&) = delete;
    VideoDecoder& operator=(const VideoDecoder&) = delete;

    const std::filesystem::path& path() const;
    // Stream info with measured_fps filled from the index.
    const MediaInfo& info() const;
    const StreamInfo& videoStream() const;
    const FrameIndex& frameIndex() const;
    std::int64_t frameCount() const;

    // Exactly frame `index` (0-based, presentation order). Decodes from the previous key frame
    // unless the frame is cached or just ahead of the last decoded one.
    // Throws actbert::Error for an index out of range or a frame that cannot be decoded.
    RgbFrame frameAt(std::int64_t index, const FrameOutputOptions& output = {});
    // The frame on screen at `time_s` (seconds on the file's timeline, see FrameIndex).
    RgbFrame frameAtTime(double time_s, const FrameOutputOptions& output = {});
    // The frame after the last one returned (frame 0 first); nullopt after the last frame.
    std::optional<RgbFrame> nextFrame(const FrameOutputOptions& output = {});
    // Makes nextFrame() continue at `index`.
    void setNextFrame(std::int64_t index);

    struct Stats {
        std::int64_t frames_decoded = 0;  // pictures that came out of the codec
        std::int64_t seeks = 0;           // demuxer seeks
        std::int64_t cache_hits = 0;
    };
    Stats stats() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace actbert::video
