#pragma once
// Everything that decides what features come out of a video: clip sampling, frame sizes,
// the backbones' identity and the region source. Its hash is half of the feature cache key
// (the other half is the video's content hash), so changing any of it recomputes.
// Threading: plain data.

#include <nlohmann/json.hpp>

#include <string>

namespace actbert::features {

enum class RegionSource { Detector, Grid, LearnedRegions };

struct ExtractionSettings {
    // Actions (paper: 32 frames at 8 FPS = 4 s per clip, short side 224 then centre crop 224).
    int clip_frames = 32;
    double clip_fps = 8.0;
    int crop_size = 224;
    // Regions (paper: 1 FPS, at most 5 boxes per frame).
    double region_fps = 1.0;
    RegionSource region_source = RegionSource::Grid;
    int max_regions = 5;
    // Identity of what computes the features, filled by whoever loads them: the action
    // checkpoint's content hash, the region network's config, the detector's describe().
    std::string action_backbone;
    std::string region_network;
    std::string region_detector;

    double clipDurationS() const { return clip_frames / clip_fps; }

    nlohmann::json toJson() const;
    static ExtractionSettings fromJson(const nlohmann::json& json);  // throws actbert::Error
    // Throws actbert::Error when a value is out of its sensible range.
    void validate() const;
    // Stable hash of toJson(), 32 hex digits.
    std::string hash() const;
};

const char* toString(RegionSource source);

}  // namespace actbert::features
