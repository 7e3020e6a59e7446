#pragma once
// The deeper R3D's residual block: 1x1x1 reduce, 3x3x3, 1x1x1 expand (x4), batch norm after
// each, identity or projection shortcut.
// Threading: a module instance is used by one thread at a time.

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

namespace actbert::models::backbones {

class BottleneckBlock3dImpl : public torch::nn::Module {
public:
    static constexpr int64_t kExpansion = 4;
    BottleneckBlock3dImpl(int64_t in_channels, int64_t width, int64_t stride);

    // [batch, in_channels, time, height, width] -> [batch, 4*width, time/s, height/s, width/s]
    torch::Tensor forward(const torch::Tensor& input);

private:
    torch::nn::Conv3d reduce_{nullptr};
    torch::nn::BatchNorm3d bn1_{nullptr};
    torch::nn::Conv3d conv_{nullptr};
    torch::nn::BatchNorm3d bn2_{nullptr};
    torch::nn::Conv3d expand_{nullptr};
    torch::nn::BatchNorm3d bn3_{nullptr};
    torch::nn::Sequential shortcut_{nullptr};
};
TORCH_MODULE(BottleneckBlock3d);

}  // namespace actbert::models::backbones
