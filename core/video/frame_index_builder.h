#pragma once
// Builds the FrameIndex of a file's main video stream.
// A packet scan (demux only, no decoding) is used when the container gives a presentation
// timestamp for every packet and the codec yields one picture per packet; otherwise every
// frame is decoded, exactly as ffprobe does, and the index says IndexMethod::DecodeScan.
// Threading: stateless; call from any thread (each call opens its own demuxer).

#include <filesystem>

#include "core/common/progress.h"
#include "core/video/frame_index.h"

namespace actbert::video {

enum class IndexStrategy {
    Auto,         // packet scan when it is exact, decode otherwise
    ForceDecode,  // always decode (slow; a reference and a cross-check)
};

class FrameIndexBuilder {
public:
    // Throws actbert::Error naming the file on bad input, actbert::Cancelled when cancelled.
    static FrameIndex build(const std::filesystem::path& path,
                            IndexStrategy strategy = IndexStrategy::Auto,
                            const ProgressFn& progress = {}, const CancelToken& cancel = {});
};

}  // namespace actbert::video
