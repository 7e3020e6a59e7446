#pragma once
// RoI-align (He et al., Mask R-CNN) written with LibTorch tensor operations, so it runs on
// any device and is differentiable. Semantics follow torchvision.ops.roi_align:
// - boxes are (batch_index, x1, y1, x2, y2) in input-image coordinates, multiplied by
//   spatial_scale to reach feature-map coordinates;
// - aligned = Aligned::HalfPixel shifts the box by -0.5 so that a box edge at pixel
//   coordinate x lies between feature cells (torchvision's aligned=True); Aligned::Legacy is
//   the original Mask R-CNN behaviour, where boxes are also forced to be at least 1x1;
// - each output bin averages sampling_ratio x sampling_ratio bilinear samples at the centres
//   of a regular sub-grid; sampling_ratio <= 0 picks ceil(bin size) samples per axis, per box
//   (capped at the map's size + 1, where torchvision has no cap: only boxes far larger than
//   the map differ);
// - samples more than one cell outside the map contribute 0, others are clamped to the edge.
// Threading: pure function.

#include <torch/types.h>

namespace actbert::models::backbones {

enum class RoiAligned { Legacy, HalfPixel };

struct RoiAlignOptions {
    int64_t output_height = 7;
    int64_t output_width = 7;
    double spatial_scale = 1.0;
    int64_t sampling_ratio = -1;
    RoiAligned aligned = RoiAligned::HalfPixel;
};

// features: [batch, channels, height, width]; boxes: [num_boxes, 5] (batch_index, x1, y1,
// x2, y2) -> [num_boxes, channels, output_height, output_width].
// Throws std::invalid_argument for wrong shapes or batch indices outside the batch.
torch::Tensor roiAlign(const torch::Tensor& features, const torch::Tensor& boxes,
                       const RoiAlignOptions& options);

}  // namespace actbert::models::backbones
