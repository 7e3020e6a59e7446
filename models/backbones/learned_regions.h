#pragma once
// Learned regions (after RegionLearner, Yan et al. 2021): when no detector gives boxes, the
// grid cell features of a frame are quantised to a learned codebook (clustering semantically
// similar cells), then a few learnable masks aggregate the quantised cells into region
// features. Each mask's spatial extent gives the region's 5-D box vector, so learned regions
// fill the same slots as detected boxes.
// Threading: a module instance is used by one thread at a time.

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

namespace actbert::models::backbones {

struct LearnedRegionsOutput {
    torch::Tensor features;    // [batch, regions, dim]
    torch::Tensor boxes;       // [batch, regions, 5] (x1, y1, x2, y2, area), all in [0, 1]
    torch::Tensor masks;       // [batch, regions, h*w], each row sums to 1
    torch::Tensor codes;       // [batch, h*w] int64: the codebook entry of each cell
    torch::Tensor commitment;  // scalar: VQ codebook + commitment loss for training
};

class LearnedRegionsImpl : public torch::nn::Module {
public:
    LearnedRegionsImpl(int64_t dim, int64_t regions, int64_t codebook_size);

    // cells: [batch, grid_h*grid_w, dim] in row-major grid order.
    LearnedRegionsOutput forward(const torch::Tensor& cells, int64_t grid_h, int64_t grid_w);

    int64_t regions() const { return regions_; }

private:
    int64_t dim_;
    int64_t regions_;
    torch::Tensor codebook_;                  // [codebook_size, dim]
    torch::nn::Linear mask_logits_{nullptr};  // dim -> regions, per cell
    torch::nn::Linear output_{nullptr};       // dim -> dim, after aggregation
};
TORCH_MODULE(LearnedRegions);

}  // namespace actbert::models::backbones
