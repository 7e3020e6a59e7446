#pragma once
// Writes an RgbFrame as a PNG file (FFmpeg's PNG encoder, so the core needs no image library).
// Threading: free function, safe from any thread.

#include <filesystem>

#include "core/video/rgb_frame.h"

namespace actbert::video {

// Atomically writes `frame` to `path`; throws actbert::Error naming the file on failure.
void writePng(const RgbFrame& frame, const std::filesystem::path& path);

}  // namespace actbert::video
