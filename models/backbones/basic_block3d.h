#pragma once
// The R3D-18 residual block: two 3x3x3 convolutions with batch norm and an identity (or
// 1x1x1 projection) shortcut.
// Threading: a module instance is used by one thread at a time.

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

namespace actbert::models::backbones {

class BasicBlock3dImpl : public torch::nn::Module {
public:
    static constexpr int64_t kExpansion = 1;
    // `stride` applies to time, height and width alike.
    BasicBlock3dImpl(int64_t in_channels, int64_t width, int64_t stride);

    // [batch, in_channels, time, height, width] -> [batch, width, time/s, height/s, width/s]
    torch::Tensor forward(const torch::Tensor& input);

private:
    torch::nn::Conv3d conv1_{nullptr};
    torch::nn::BatchNorm3d bn1_{nullptr};
    torch::nn::Conv3d conv2_{nullptr};
    torch::nn::BatchNorm3d bn2_{nullptr};
    torch::nn::Sequential shortcut_{nullptr};  // empty when the identity fits
};
TORCH_MODULE(BasicBlock3d);

}  // namespace actbert::models::backbones
