#pragma once
// The region feature network: a 2D CNN turns frames into a feature map, RoI-align pools each
// box from it, and a linear layer gives the region feature (the paper's "feature before the
// output layer" of the detector, 2048-d by default).
// Threading: a module instance is used by one thread at a time.

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

#include "models/backbones/region_net_config.h"

namespace actbert::models::backbones {

class RegionFeatureNetImpl : public torch::nn::Module {
public:
    explicit RegionFeatureNetImpl(const RegionNetConfig& config);

    // frames: [batch, channels, height, width], normalised ->
    // [batch, map_channels, height/stride, width/stride]
    torch::Tensor featureMap(const torch::Tensor& frames);
    // map: featureMap() output; boxes: [num_boxes, 5] (batch_index, x1, y1, x2, y2) in frame
    // pixels -> [num_boxes, feature_dim]
    torch::Tensor poolRegions(const torch::Tensor& map, const torch::Tensor& boxes);
    // Pooled map cells (no boxes): [batch, map_channels, h, w] -> [batch, h*w, feature_dim],
    // the grid features the learned-regions module clusters.
    torch::Tensor cellFeatures(const torch::Tensor& map);
    // Convenience: featureMap then poolRegions.
    torch::Tensor forward(const torch::Tensor& frames, const torch::Tensor& boxes);

    const RegionNetConfig& config() const { return config_; }

private:
    RegionNetConfig config_;
    torch::nn::Sequential trunk_{nullptr};
    torch::nn::Linear head_{nullptr};  // [map_channels] -> [feature_dim]
};
TORCH_MODULE(RegionFeatureNet);

}  // namespace actbert::models::backbones
