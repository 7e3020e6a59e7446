#include "models/backbones/learned_regions.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace actbert::models::backbones {

namespace nn = torch::nn;

namespace {
constexpr double kCommitmentWeight = 0.25;  // VQ-VAE's beta
// A uniform distribution on [a, b] has standard deviation (b - a) / sqrt(12): a mask's
// extent is recovered from its spatial spread as mean +- sqrt(3) * std.
const double kHalfExtentPerStd = std::sqrt(3.0);
}  // namespace

LearnedRegionsImpl::LearnedRegionsImpl(int64_t dim, int64_t regions, int64_t codebook_size)
    : dim_(dim), regions_(regions) {
    if (dim <= 0 || regions <= 0 || codebook_size <= 0) {
        throw std::invalid_argument(
            "learned regions: dim, regions and codebook size must be "
            "positive");
    }
    codebook_ = register_parameter("codebook", torch::randn({codebook_size, dim}) * 0.1);
    mask_logits_ = register_module("mask_logits", nn::Linear(dim, regions));
    output_ = register_module("output", nn::Linear(dim, dim));
}

LearnedRegionsOutput LearnedRegionsImpl::forward(const torch::Tensor& cells, int64_t grid_h,
                                                 int64_t grid_w) {
    if (cells.dim() != 3 || cells.size(2) != dim_ || cells.size(1) != grid_h * grid_w) {
        throw std::invalid_argument("learned regions expect cells shaped [batch, " +
                                    std::to_string(grid_h * grid_w) + ", " + std::to_string(dim_) +
                                    "]");
    }
    const int64_t batch = cells.size(0);
    // Nearest codebook entry per cell: [batch, cells, codebook]
    const auto distances = torch::cdist(cells, codebook_.unsqueeze(0).expand({batch, -1, -1}));
    const auto codes = distances.argmin(2);  // [batch, cells]
    const auto quantised = codebook_.index_select(0, codes.reshape({-1})).view_as(cells);
    const auto commitment = torch::mse_loss(quantised, cells.detach()) +
                            kCommitmentWeight * torch::mse_loss(cells, quantised.detach());
    // Straight-through: forward uses the cluster centres, gradients reach the cells.
    const auto straight = cells + (quantised - cells).detach();  // [batch, cells, dim]

    // Each region is a softmax mask over the grid: [batch, regions, cells]
    const auto masks = mask_logits_->forward(straight).transpose(1, 2).softmax(2);
    const auto features = output_->forward(torch::bmm(masks, straight));  // [batch, R, dim]

    // Mask-weighted position statistics in normalised [0, 1] frame coordinates.
    const auto options = cells.options();
    const auto ys = ((torch::arange(grid_h, options) + 0.5) / grid_h)
                        .unsqueeze(1)
                        .expand({grid_h, grid_w})
                        .reshape({-1});  // [cells]
    const auto xs = ((torch::arange(grid_w, options) + 0.5) / grid_w)
                        .unsqueeze(0)
                        .expand({grid_h, grid_w})
                        .reshape({-1});       // [cells]
    const auto mean_x = (masks * xs).sum(2);  // [batch, regions]
    const auto mean_y = (masks * ys).sum(2);
    // A single cell still covers 1/grid of the frame: add that cell's own variance.
    const auto var_x = (masks * xs.pow(2)).sum(2) - mean_x.pow(2) + 1.0 / (12.0 * grid_w * grid_w);
    const auto var_y = (masks * ys.pow(2)).sum(2) - mean_y.pow(2) + 1.0 / (12.0 * grid_h * grid_h);
    const auto half_w = var_x.clamp_min(0).sqrt() * kHalfExtentPerStd;
    const auto half_h = var_y.clamp_min(0).sqrt() * kHalfExtentPerStd;
    const auto x1 = (mean_x - half_w).clamp(0, 1);
    const auto y1 = (mean_y - half_h).clamp(0, 1);
    const auto x2 = (mean_x + half_w).clamp(0, 1);
    const auto y2 = (mean_y + half_h).clamp(0, 1);
    const auto boxes = torch::stack({x1, y1, x2, y2, (x2 - x1) * (y2 - y1)}, 2);  // [B, R, 5]
    return {features, boxes, masks, codes, commitment};
}

}  // namespace actbert::models::backbones
