#include "models/backbones/region_feature_net.h"

#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include <stdexcept>

#include "models/backbones/roi_align.h"

namespace actbert::models::backbones {

namespace nn = torch::nn;

RegionFeatureNetImpl::RegionFeatureNetImpl(const RegionNetConfig& config) : config_(config) {
    config_.validate();
    trunk_ = register_module("trunk", nn::Sequential());
    int64_t channels = config_.in_channels;
    // Each stage halves the resolution, then refines at that resolution.
    for (const auto width : config_.widths) {
        trunk_->push_back(
            nn::Conv2d(nn::Conv2dOptions(channels, width, 3).stride(2).padding(1).bias(false)));
        trunk_->push_back(nn::BatchNorm2d(width));
        trunk_->push_back(nn::ReLU());
        trunk_->push_back(nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1).bias(false)));
        trunk_->push_back(nn::BatchNorm2d(width));
        trunk_->push_back(nn::ReLU());
        channels = width;
    }
    head_ = register_module("head", nn::Linear(channels, config_.feature_dim));
    for (auto& module : trunk_->modules(/*include_self=*/false)) {
        if (auto* conv = module->as<nn::Conv2d>()) {
            nn::init::kaiming_normal_(conv->weight, /*a=*/0.0, torch::kFanOut, torch::kReLU);
        }
    }
}

torch::Tensor RegionFeatureNetImpl::featureMap(const torch::Tensor& frames) {
    if (frames.dim() != 4 || frames.size(1) != config_.in_channels) {
        throw std::invalid_argument("region network expects frames shaped [batch, " +
                                    std::to_string(config_.in_channels) + ", height, width]");
    }
    return trunk_->forward(frames);
}

torch::Tensor RegionFeatureNetImpl::poolRegions(const torch::Tensor& map,
                                                const torch::Tensor& boxes) {
    RoiAlignOptions options;
    options.output_height = config_.roi_size;
    options.output_width = config_.roi_size;
    options.spatial_scale = 1.0 / static_cast<double>(config_.featureStride());
    options.sampling_ratio = config_.sampling_ratio;
    options.aligned = RoiAligned::HalfPixel;
    // [num_boxes, channels, roi, roi] -> [num_boxes, channels]
    const auto pooled = roiAlign(map, boxes, options).mean({2, 3});
    return torch::relu(head_->forward(pooled));  // [num_boxes, feature_dim]
}

torch::Tensor RegionFeatureNetImpl::cellFeatures(const torch::Tensor& map) {
    // [batch, channels, h, w] -> [batch, h*w, channels]
    const auto cells = map.flatten(2).transpose(1, 2);
    return torch::relu(head_->forward(cells));  // [batch, h*w, feature_dim]
}

torch::Tensor RegionFeatureNetImpl::forward(const torch::Tensor& frames,
                                            const torch::Tensor& boxes) {
    return poolRegions(featureMap(frames), boxes);
}

}  // namespace actbert::models::backbones
