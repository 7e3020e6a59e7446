#pragma once
// R3D: a 3D ResNet that maps a clip to one action feature (global average pool over time and
// space), with an optional verb-classification head used to train it (paper, section 3.3).
// Threading: a module instance is used by one thread at a time; clone() for more threads.

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include "models/backbones/r3d_config.h"

namespace actbert::models::backbones {

class R3dImpl : public torch::nn::Module {
public:
    explicit R3dImpl(const R3dConfig& config);

    // clips: [batch, channels, frames, height, width], normalised -> [batch, feature_dim]
    torch::Tensor forward(const torch::Tensor& clips);
    // The verb logits of the training head: [batch, feature_dim] -> [batch, num_classes].
    // Throws std::logic_error when the config has no classifier (num_classes == 0).
    torch::Tensor classify(const torch::Tensor& features);

    const R3dConfig& config() const { return config_; }

private:
    R3dConfig config_;
    torch::nn::Conv3d stem_conv_{nullptr};
    torch::nn::BatchNorm3d stem_bn_{nullptr};
    torch::nn::ModuleList stages_{nullptr};  // one Sequential of blocks per stage
    torch::nn::Linear projection_{nullptr};  // only when feature_dim != stage output width
    torch::nn::Linear classifier_{nullptr};  // only when num_classes > 0
};
TORCH_MODULE(R3d);

}  // namespace actbert::models::backbones
