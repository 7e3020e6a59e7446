#pragma once
// Internal to core/video: RAII owners for FFmpeg objects and the few helpers every part of
// the engine needs (opening a file with errors that name it, timestamp conversion).
// Not installed and not included by public headers, so FFmpeg stays out of the API.
// Threading: free functions; each object is owned by one thread at a time.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

#include <filesystem>
#include <memory>
#include <string>

#include "core/video/media_info.h"

namespace actbert::video::detail {

struct FormatContextDeleter {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;

FramePtr allocFrame();
PacketPtr allocPacket();

// FFmpeg's text for an error code, e.g. "Invalid data found when processing input".
std::string avErrorText(int code);

// "'path'" for messages.
std::string quoted(const std::filesystem::path& path);

// Opens and probes `path`. Throws actbert::Error naming the file: missing, not a regular
// file, unreadable, not a media file.
FormatContextPtr openInput(const std::filesystem::path& path);

// The best stream of `type`, or throws actbert::Error naming the file ("has no video stream").
int findBestStream(AVFormatContext* input, AVMediaType type, const std::filesystem::path& path);

// A decoder for `stream`, opened with `threads` (0 = auto). Throws actbert::Error when the
// codec is unsupported or its parameters are invalid.
CodecContextPtr openDecoder(const AVStream* stream, int threads, const std::filesystem::path& path);

// The container's start time in seconds (0 when unknown): the origin of the file timeline.
double containerStartS(const AVFormatContext* input);

// Fills a MediaInfo from an opened input (implemented in media_info.cpp).
MediaInfo describeInput(const AVFormatContext* input, const std::filesystem::path& path);

// Pictures larger than this are refused: a hostile header must not make us allocate GBs.
inline constexpr std::int64_t kMaxPixels = 16384ll * 16384ll;

}  // namespace actbert::video::detail
