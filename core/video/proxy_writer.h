#pragma once
// Writes a scrub proxy of a video: every source frame, in order, as an all-intra picture about
// 640 px wide, so that any frame decodes on its own in a few milliseconds.
//
//     actbert::video::ProxyOptions options;  // intra-only H.264 in MP4, 640 px wide
//     actbert::video::writeProxy(video, source_index, cache_dir / "HASH.proxy.mp4", options,
//                                progress, cancel);
//
// Numbering: proxy frame N is source frame N (FrameIndex numbering) for every frame, also in
// variable-frame-rate sources; the proxy has a constant rate (the source's measured one), so
// its timestamps are not the source's: always address it by frame number.
// The picture is the displayed one (rotation applied), so the proxy itself has no rotation.
// Written atomically: a temporary file beside the target, renamed when complete; an error or
// a cancel leaves no file behind.
// Threading: stateless; call from any thread (each call opens its own decoder).

#include <filesystem>

#include "core/common/progress.h"
#include "core/video/frame_index.h"

namespace actbert::video {

enum class ProxyCodec {
    H264Intra,  // libx264 with every frame a key frame: small (the default)
    Mjpeg,      // Motion JPEG: larger, for FFmpeg builds without libx264
};

struct ProxyOptions {
    int width = 640;  // sources narrower than this keep their width
    ProxyCodec codec = ProxyCodec::H264Intra;
};

// The proxy's picture size for a displayed size: `width` wide (or narrower sources' width),
// height keeping the aspect ratio, both even (4:2:0 chroma).
struct ProxySize {
    int width = 0;
    int height = 0;
};
ProxySize proxySizeFor(int display_width, int display_height, int width);

// Throws actbert::Error naming the file (source unreadable, encoder missing, target not
// writable), actbert::Cancelled when cancelled. `source_index` is the source's frame index.
void writeProxy(const std::filesystem::path& source, const FrameIndex& source_index,
                const std::filesystem::path& target, const ProxyOptions& options = {},
                const ProgressFn& progress = {}, const CancelToken& cancel = {});

const char* toString(ProxyCodec codec);

}  // namespace actbert::video
