#pragma once
// Which frames feed which feature: one action clip per clip window along the video (clip_frames
// frames at clip_fps, e.g. 32 frames at 8 FPS = 4 s), and region frames at region_fps. Frames are
// chosen from the decoder's frame index: the frame on screen at each sample time.
// Threading: pure functions and plain data.

#include <cstdint>
#include <vector>

#include "core/features/extraction_settings.h"

namespace actbert::features {

struct ClipWindow {
    double start_s = 0;
    double end_s = 0;
    std::vector<std::int64_t> frames;  // clip_frames frame numbers, in time order
};

struct RegionSample {
    double time_s = 0;
    std::int64_t frame = 0;
};

struct SamplingPlan {
    std::vector<ClipWindow> clips;
    std::vector<RegionSample> regions;

    // Distinct frame numbers used by either, ascending: what the decoder has to produce.
    std::vector<std::int64_t> framesToDecode() const;
};

// `frame_times_s`: every frame's presentation time in presentation order (strictly
// increasing); `duration_s`: the video's duration. Windows start at 0, clip_duration apart,
// and cover the whole video: the last one may run past the end, where the last frame repeats.
// Throws actbert::Error when there are no frames.
SamplingPlan planSampling(const std::vector<double>& frame_times_s, double duration_s,
                          const ExtractionSettings& settings);

}  // namespace actbert::features
