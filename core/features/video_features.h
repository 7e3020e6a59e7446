#pragma once
// The features of one video as ActBERT consumes them: one action feature per clip window and
// up to max_regions region features (with their 5-D box vectors and, for detectors with
// classes, the class distribution used as the masked-object target) per region frame.
// Threading: a value; tensors are CPU tensors, safe to read from any thread.

#include <torch/types.h>

#include <string>
#include <vector>

#include "core/features/extraction_settings.h"

namespace actbert::features {

struct VideoFeatures {
    torch::Tensor action_features;  // [clips, action_dim] float32
    torch::Tensor clip_times;       // [clips, 2] float64: window start and end, seconds
    torch::Tensor region_features;  // [region_frames, max_regions, region_dim] float32
    torch::Tensor region_boxes;     // [region_frames, max_regions, 5] float32:
                                    // x1/W, y1/H, x2/W, y2/H, area/(W*H)
    torch::Tensor region_mask;      // [region_frames, max_regions] uint8: 1 = a real region
    torch::Tensor region_classes;   // [region_frames, max_regions, classes] float32, or
                                    // undefined when the region source has no classes
    torch::Tensor region_times;     // [region_frames] float64, seconds
    std::vector<std::string> class_names;
    ExtractionSettings settings;
    std::string video_hash;  // content hash of the source video
    std::string video_name;  // the path it was extracted from (informative only)
};

}  // namespace actbert::features
