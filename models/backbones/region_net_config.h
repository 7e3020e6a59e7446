#pragma once
// Configuration of the region feature network (2D CNN feature map -> RoI-align -> pooled
// feature) and of the learned-regions module that replaces a detector when there is none.
// Threading: plain data.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <vector>

namespace actbert::models::backbones {

struct RegionNetConfig {
    int64_t in_channels = 3;
    // One stride-2 stage per entry: the feature map has stride 2^stages (16 by default).
    std::vector<int64_t> widths{64, 128, 256, 512};
    int64_t roi_size = 7;            // RoI-align output is roi_size x roi_size
    int64_t sampling_ratio = 2;      // bilinear samples per bin and axis
    int64_t feature_dim = 2048;      // region feature width (the paper's 2048)
    int64_t image_short_side = 384;  // frames are resized so their short side has this size
    int64_t max_long_side = 640;     // ...unless that makes the long side longer than this

    // Learned regions (RegionLearner-style), used when no detector gives boxes.
    int64_t learned_regions = 5;  // regions per frame (the paper's 5 boxes)
    int64_t codebook_size = 64;   // cluster centres the grid features are quantised to

    int64_t featureStride() const { return int64_t{1} << widths.size(); }
    int64_t mapChannels() const { return widths.back(); }

    static RegionNetConfig base();
    static RegionNetConfig tiny();  // for tests: 2 stages of width 8/16, 16-d features

    nlohmann::json toJson() const;
    static RegionNetConfig fromJson(const nlohmann::json& json);  // throws invalid_argument
    void validate() const;
};

}  // namespace actbert::models::backbones
