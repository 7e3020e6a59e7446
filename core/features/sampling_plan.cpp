#include "core/features/sampling_plan.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace actbert::features {
namespace {

// The frame on screen at `time_s`: the last frame whose time is <= time_s.
std::int64_t frameOnScreen(const std::vector<double>& times, double time_s) {
    const auto after = std::upper_bound(times.begin(), times.end(), time_s + 1e-9);
    if (after == times.begin()) {
        return 0;
    }
    return static_cast<std::int64_t>(after - times.begin()) - 1;
}

// Guards against absurd durations from corrupt metadata: at most this many samples.
constexpr std::int64_t kMaxSamples = 10'000'000;

}  // namespace

std::vector<std::int64_t> SamplingPlan::framesToDecode() const {
    std::vector<std::int64_t> frames;
    for (const auto& clip : clips) {
        frames.insert(frames.end(), clip.frames.begin(), clip.frames.end());
    }
    for (const auto& region : regions) {
        frames.push_back(region.frame);
    }
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    return frames;
}

SamplingPlan planSampling(const std::vector<double>& frame_times_s, double duration_s,
                          const ExtractionSettings& settings) {
    settings.validate();
    if (frame_times_s.empty()) {
        throw Error("the video has no frames to sample");
    }
    const double first_s = frame_times_s.front();
    // Shorter than one frame still counts as one frame's worth of video.
    const double end_s = std::max(duration_s, frame_times_s.back() - first_s + 1e-6);
    const double clip_s = settings.clipDurationS();
    const auto clip_count = static_cast<std::int64_t>(std::ceil(end_s / clip_s - 1e-9));
    const auto region_count =
        static_cast<std::int64_t>(std::ceil(end_s * settings.region_fps - 1e-9));
    if (clip_count * settings.clip_frames + region_count > kMaxSamples) {
        throw Error("the video's duration (" + std::to_string(duration_s) +
                    " s) asks for more than " + std::to_string(kMaxSamples) + " samples");
    }
    SamplingPlan plan;
    for (std::int64_t c = 0; c < std::max<std::int64_t>(clip_count, 1); ++c) {
        ClipWindow clip;
        clip.start_s = static_cast<double>(c) * clip_s;
        clip.end_s = clip.start_s + clip_s;
        for (int k = 0; k < settings.clip_frames; ++k) {
            const double t = first_s + clip.start_s + k / settings.clip_fps;
            clip.frames.push_back(frameOnScreen(frame_times_s, t));
        }
        plan.clips.push_back(std::move(clip));
    }
    for (std::int64_t r = 0; r < std::max<std::int64_t>(region_count, 1); ++r) {
        const double t = static_cast<double>(r) / settings.region_fps;
        plan.regions.push_back({t, frameOnScreen(frame_times_s, first_s + t)});
    }
    return plan;
}

}  // namespace actbert::features
