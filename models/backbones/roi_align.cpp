#include "models/backbones/roi_align.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace actbert::models::backbones {
namespace {

// Sample positions along one axis for one box: [bins * grid] coordinates in feature cells.
torch::Tensor samplePositions(double start, double bin_size, int64_t bins, int64_t grid,
                              const torch::TensorOptions& options) {
    const auto bin = torch::arange(bins, options).unsqueeze(1);                 // [bins, 1]
    const auto sub = (torch::arange(grid, options) + 0.5).unsqueeze(0) / grid;  // [1, grid]
    return (start + (bin + sub) * bin_size).reshape({-1});                      // [bins*grid]
}

// Bilinear interpolation weights and corner indices along one axis, with torchvision's
// boundary rules: outside (-1, size] contributes nothing, otherwise clamp to the edge.
struct AxisSamples {
    torch::Tensor low;    // [samples] int64 index of the lower corner
    torch::Tensor high;   // [samples] int64 index of the upper corner
    torch::Tensor w_low;  // [samples] weight of the lower corner (0 when outside)
    torch::Tensor w_high;
};

AxisSamples axisSamples(const torch::Tensor& positions, int64_t size) {
    const auto valid = (positions >= -1.0) & (positions <= static_cast<double>(size));
    auto clamped = positions.clamp_min(0.0);
    auto low = clamped.floor().to(torch::kLong);
    const auto at_edge = low >= size - 1;
    low = torch::where(at_edge, torch::full_like(low, size - 1), low);
    const auto high = torch::where(at_edge, low, low + 1);
    clamped = torch::where(at_edge, low.to(clamped.scalar_type()), clamped);
    const auto frac = clamped - low.to(clamped.scalar_type());
    const auto valid_weight = valid.to(positions.scalar_type());
    return {low, high, (1.0 - frac) * valid_weight, frac * valid_weight};
}

}  // namespace

torch::Tensor roiAlign(const torch::Tensor& features, const torch::Tensor& boxes,
                       const RoiAlignOptions& options) {
    if (features.dim() != 4) {
        throw std::invalid_argument("roiAlign: features must be [batch, channels, h, w]");
    }
    if (boxes.dim() != 2 || boxes.size(1) != 5) {
        throw std::invalid_argument("roiAlign: boxes must be [num_boxes, 5]");
    }
    if (options.output_height <= 0 || options.output_width <= 0) {
        throw std::invalid_argument("roiAlign: output size must be positive");
    }
    const int64_t channels = features.size(1);
    const int64_t height = features.size(2);
    const int64_t width = features.size(3);
    const int64_t num_boxes = boxes.size(0);
    const auto value_options = features.options();
    if (num_boxes == 0) {
        return torch::zeros({0, channels, options.output_height, options.output_width},
                            value_options);
    }
    // Box geometry is scalar per box: read it on the CPU once, sample on the features' device.
    const auto boxes_cpu = boxes.detach().to(torch::kCPU, torch::kDouble).contiguous();
    const auto box = boxes_cpu.accessor<double, 2>();
    const double offset = options.aligned == RoiAligned::HalfPixel ? 0.5 : 0.0;
    const auto flat = features.reshape({features.size(0), channels, height * width});

    std::vector<torch::Tensor> outputs;
    outputs.reserve(static_cast<std::size_t>(num_boxes));
    for (int64_t k = 0; k < num_boxes; ++k) {
        const double batch_value = box[k][0];
        if (!(batch_value >= 0.0 && batch_value < static_cast<double>(features.size(0))) ||
            batch_value != std::floor(batch_value)) {
            throw std::invalid_argument("roiAlign: box " + std::to_string(k) + " has batch index " +
                                        std::to_string(batch_value) + " outside the batch of " +
                                        std::to_string(features.size(0)));
        }
        const auto batch = static_cast<int64_t>(batch_value);
        const double x1 = box[k][1] * options.spatial_scale - offset;
        const double y1 = box[k][2] * options.spatial_scale - offset;
        double box_w = box[k][3] * options.spatial_scale - offset - x1;
        double box_h = box[k][4] * options.spatial_scale - offset - y1;
        if (!std::isfinite(x1) || !std::isfinite(y1) || !std::isfinite(box_w) ||
            !std::isfinite(box_h)) {
            throw std::invalid_argument("roiAlign: box " + std::to_string(k) +
                                        " has non-finite coordinates");
        }
        if (options.aligned == RoiAligned::Legacy) {
            box_w = std::max(box_w, 1.0);
            box_h = std::max(box_h, 1.0);
        }
        const double bin_h = box_h / static_cast<double>(options.output_height);
        const double bin_w = box_w / static_cast<double>(options.output_width);
        // Adaptive sampling is capped by the feature map size, so a huge (hostile) box cannot
        // ask for an unbounded number of samples. An empty or inverted box has no samples and
        // pools to zero, as in torchvision.
        const int64_t grid_h =
            options.sampling_ratio > 0
                ? options.sampling_ratio
                : std::min<int64_t>(static_cast<int64_t>(std::ceil(bin_h)), height + 1);
        const int64_t grid_w =
            options.sampling_ratio > 0
                ? options.sampling_ratio
                : std::min<int64_t>(static_cast<int64_t>(std::ceil(bin_w)), width + 1);
        if (grid_h <= 0 || grid_w <= 0) {
            outputs.push_back(torch::zeros({channels, options.output_height, options.output_width},
                                           value_options));
            continue;
        }

        const auto ys = axisSamples(
            samplePositions(y1, bin_h, options.output_height, grid_h, value_options), height);
        const auto xs = axisSamples(
            samplePositions(x1, bin_w, options.output_width, grid_w, value_options), width);
        // Four corners of every (y, x) sample: index and weight, [sy, sx] each.
        const auto index = [&](const torch::Tensor& y, const torch::Tensor& x) {
            return (y.unsqueeze(1) * width + x.unsqueeze(0)).reshape({-1});
        };
        const auto weight = [](const torch::Tensor& wy, const torch::Tensor& wx) {
            return (wy.unsqueeze(1) * wx.unsqueeze(0)).reshape({-1});
        };
        const auto map = flat[batch];  // [channels, h*w]
        auto samples = map.index_select(1, index(ys.low, xs.low)) * weight(ys.w_low, xs.w_low);
        samples =
            samples + map.index_select(1, index(ys.low, xs.high)) * weight(ys.w_low, xs.w_high);
        samples =
            samples + map.index_select(1, index(ys.high, xs.low)) * weight(ys.w_high, xs.w_low);
        samples =
            samples + map.index_select(1, index(ys.high, xs.high)) * weight(ys.w_high, xs.w_high);
        // [channels, out_h * grid_h * out_w * grid_w] -> average over each bin's sub-grid
        const auto pooled =
            samples.reshape({channels, options.output_height, grid_h, options.output_width, grid_w})
                .mean({2, 4});  // [channels, out_h, out_w]
        outputs.push_back(pooled);
    }
    return torch::stack(outputs);  // [num_boxes, channels, out_h, out_w]
}

}  // namespace actbert::models::backbones
