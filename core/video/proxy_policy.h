#pragma once
// Which videos get a scrub proxy: those whose key frames are far apart, because a seek there
// decodes from the previous key frame and cannot be fast (a 250-frame GOP of 720p H.264 costs
// 200-600 ms). Videos that already seek fast (all-intra, short GOPs) need none.
// Threading: pure functions.

#include <cstdint>

#include "core/video/frame_index.h"

namespace actbert::video {

struct ProxyPolicy {
    // Largest distance in frames from a frame back to its key frame that still seeks fast:
    // about 30 frames of 720p decode in under 50 ms on one core.
    std::int64_t max_key_frame_gap = 30;
};

// The largest number of frames between consecutive key frames (or from the last key frame to
// the end), so the worst seek's decode length; the frame count when there is no key frame.
std::int64_t largestKeyFrameGap(const FrameIndex& index);

// True when seeking in this video is slow enough that a proxy pays off.
bool needsProxy(const FrameIndex& index, const ProxyPolicy& policy = {});

}  // namespace actbert::video
