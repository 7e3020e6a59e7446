#include "models/backbones/r3d.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/container/sequential.h>

#include <stdexcept>

#include "models/backbones/basic_block3d.h"
#include "models/backbones/bottleneck_block3d.h"

namespace actbert::models::backbones {

namespace nn = torch::nn;

R3dImpl::R3dImpl(const R3dConfig& config) : config_(config) {
    config_.validate();
    // Stem as in the R3D family: a 3x7x7 convolution that halves height and width but keeps
    // time, so short 8-frame clips still have temporal extent for the stages.
    stem_conv_ = register_module(
        "stem_conv",
        nn::Conv3d(nn::Conv3dOptions(config_.in_channels, config_.stem_width, {3, 7, 7})
                       .stride({1, 2, 2})
                       .padding({1, 3, 3})
                       .bias(false)));
    stem_bn_ = register_module("stem_bn", nn::BatchNorm3d(config_.stem_width));

    stages_ = register_module("stages", nn::ModuleList());
    int64_t channels = config_.stem_width;
    for (std::size_t stage = 0; stage < config_.layers.size(); ++stage) {
        nn::Sequential blocks;
        const int64_t width = config_.widths[stage];
        for (int64_t block = 0; block < config_.layers[stage]; ++block) {
            // The first block of every stage but the first halves time and space.
            const int64_t stride = (block == 0 && stage > 0) ? 2 : 1;
            if (config_.block == R3dBlockKind::Basic) {
                blocks->push_back(BasicBlock3d(channels, width, stride));
                channels = width * BasicBlock3dImpl::kExpansion;
            } else {
                blocks->push_back(BottleneckBlock3d(channels, width, stride));
                channels = width * BottleneckBlock3dImpl::kExpansion;
            }
        }
        stages_->push_back(blocks);
    }
    if (channels != config_.feature_dim) {
        projection_ = register_module("projection", nn::Linear(channels, config_.feature_dim));
    }
    if (config_.num_classes > 0) {
        classifier_ =
            register_module("classifier", nn::Linear(config_.feature_dim, config_.num_classes));
    }
    for (auto& module : modules(/*include_self=*/false)) {
        if (auto* conv = module->as<nn::Conv3d>()) {
            nn::init::kaiming_normal_(conv->weight, /*a=*/0.0, torch::kFanOut, torch::kReLU);
        }
    }
}

torch::Tensor R3dImpl::forward(const torch::Tensor& clips) {
    if (clips.dim() != 5 || clips.size(1) != config_.in_channels) {
        throw std::invalid_argument(
            "R3D expects clips shaped [batch, " + std::to_string(config_.in_channels) +
            ", frames, height, width], got " + std::to_string(clips.dim()) + " dimensions");
    }
    auto x = torch::relu(stem_bn_->forward(stem_conv_->forward(clips)));
    for (const auto& stage : *stages_) {
        x = stage->as<nn::Sequential>()->forward(x);
    }
    // [batch, channels, t, h, w] -> [batch, channels]
    auto features = x.mean({2, 3, 4});
    if (projection_) {
        features = projection_->forward(features);  // [batch, feature_dim]
    }
    return features;
}

torch::Tensor R3dImpl::classify(const torch::Tensor& features) {
    if (!classifier_) {
        throw std::logic_error("this R3D has no classifier head (num_classes is 0)");
    }
    return classifier_->forward(features);  // [batch, num_classes]
}

}  // namespace actbert::models::backbones
