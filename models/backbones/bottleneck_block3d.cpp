#include "models/backbones/bottleneck_block3d.h"

#include <torch/nn/functional/activation.h>

namespace actbert::models::backbones {

namespace nn = torch::nn;

BottleneckBlock3dImpl::BottleneckBlock3dImpl(int64_t in_channels, int64_t width, int64_t stride) {
    const int64_t out_channels = width * kExpansion;
    reduce_ =
        register_module("reduce", nn::Conv3d(nn::Conv3dOptions(in_channels, width, 1).bias(false)));
    bn1_ = register_module("bn1", nn::BatchNorm3d(width));
    conv_ = register_module(
        "conv",
        nn::Conv3d(nn::Conv3dOptions(width, width, 3).stride(stride).padding(1).bias(false)));
    bn2_ = register_module("bn2", nn::BatchNorm3d(width));
    expand_ = register_module("expand",
                              nn::Conv3d(nn::Conv3dOptions(width, out_channels, 1).bias(false)));
    bn3_ = register_module("bn3", nn::BatchNorm3d(out_channels));
    // Zero-initialised last norm: each block starts as the identity, which keeps deep
    // randomly initialised backbones from blowing up their activations.
    torch::nn::init::zeros_(bn3_->weight);
    shortcut_ = register_module("shortcut", nn::Sequential());
    if (stride != 1 || in_channels != out_channels) {
        shortcut_->push_back(
            nn::Conv3d(nn::Conv3dOptions(in_channels, out_channels, 1).stride(stride).bias(false)));
        shortcut_->push_back(nn::BatchNorm3d(out_channels));
    }
}

torch::Tensor BottleneckBlock3dImpl::forward(const torch::Tensor& input) {
    auto out = torch::relu(bn1_->forward(reduce_->forward(input)));
    out = torch::relu(bn2_->forward(conv_->forward(out)));
    out = bn3_->forward(expand_->forward(out));
    const auto identity = shortcut_->is_empty() ? input : shortcut_->forward(input);
    return torch::relu(out + identity);
}

}  // namespace actbert::models::backbones
