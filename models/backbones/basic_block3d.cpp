#include "models/backbones/basic_block3d.h"

#include <torch/nn/functional/activation.h>

namespace actbert::models::backbones {

namespace nn = torch::nn;

BasicBlock3dImpl::BasicBlock3dImpl(int64_t in_channels, int64_t width, int64_t stride) {
    conv1_ = register_module(
        "conv1",
        nn::Conv3d(nn::Conv3dOptions(in_channels, width, 3).stride(stride).padding(1).bias(false)));
    bn1_ = register_module("bn1", nn::BatchNorm3d(width));
    conv2_ = register_module("conv2",
                             nn::Conv3d(nn::Conv3dOptions(width, width, 3).padding(1).bias(false)));
    bn2_ = register_module("bn2", nn::BatchNorm3d(width));
    shortcut_ = register_module("shortcut", nn::Sequential());
    if (stride != 1 || in_channels != width) {
        shortcut_->push_back(
            nn::Conv3d(nn::Conv3dOptions(in_channels, width, 1).stride(stride).bias(false)));
        shortcut_->push_back(nn::BatchNorm3d(width));
    }
}

torch::Tensor BasicBlock3dImpl::forward(const torch::Tensor& input) {
    auto out = torch::relu(bn1_->forward(conv1_->forward(input)));
    out = bn2_->forward(conv2_->forward(out));
    const auto identity = shortcut_->is_empty() ? input : shortcut_->forward(input);
    return torch::relu(out + identity);
}

}  // namespace actbert::models::backbones
