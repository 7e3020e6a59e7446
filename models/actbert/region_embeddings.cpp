#include "models/actbert/region_embeddings.h"

#include <torch/torch.h>

namespace actbert::models {

RegionEmbeddingsImpl::RegionEmbeddingsImpl(const ActBertConfig& config) {
    const auto hidden = config.region.hidden_size;
    feature_projection = register_module("feature_projection",
                                         torch::nn::Linear(config.region_feature_size, hidden));
    box_projection =
        register_module("box_projection", torch::nn::Linear(config.region_box_size, hidden));
    if (config.visual_embeddings == VisualEmbeddings::paper) {
        region_token = register_parameter("region_token", torch::zeros({hidden}));
        position_embeddings = register_module(
            "position_embeddings", torch::nn::Embedding(config.max_clip_positions, hidden));
        segment_embeddings = register_module("segment_embeddings",
                                             torch::nn::Embedding(config.type_vocab_size, hidden));
    }
    layer_norm = register_module(
        "layer_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden}).eps(config.layer_norm_eps)));
    dropout = register_module("dropout", torch::nn::Dropout(config.region.hidden_dropout));
}

RegionEmbedding RegionEmbeddingsImpl::forward(const torch::Tensor& features,
                                              const torch::Tensor& boxes, const torch::Tensor& mask,
                                              const torch::Tensor& position_ids,
                                              const torch::Tensor& segment_ids) {
    const auto batch = features.size(0);
    // [batch, regions, 1]: padding regions must not move the global mean
    const auto weights = mask.to(features.scalar_type()).unsqueeze(-1);
    const auto count = weights.sum(/*dim=*/1).clamp_min(1.0);
    // [batch, 1, feature]
    const auto global_feature = ((features * weights).sum(/*dim=*/1) / count).unsqueeze(1);
    // [batch, 1, 5] the whole frame: x1 = y1 = 0, x2 = y2 = 1, area 1
    const auto global_box = torch::tensor({0.0f, 0.0f, 1.0f, 1.0f, 1.0f}, boxes.options())
                                .view({1, 1, 5})
                                .expand({batch, 1, 5});
    const auto all_features = torch::cat({global_feature, features}, /*dim=*/1);
    const auto all_boxes = torch::cat({global_box, boxes}, /*dim=*/1);
    const auto all_mask = torch::cat({torch::ones({batch, 1}, mask.options()), mask}, /*dim=*/1);
    // [batch, 1 + regions, hidden]
    auto summed = feature_projection(all_features) + box_projection(all_boxes);
    if (!position_embeddings.is_empty()) {
        const auto zeros = torch::zeros({batch, 1}, position_ids.options());
        summed = summed + region_token +
                 position_embeddings(torch::cat({zeros, position_ids}, /*dim=*/1)) +
                 segment_embeddings(torch::cat({zeros, segment_ids}, /*dim=*/1));
    }
    return {dropout(layer_norm(summed)), all_mask};
}

}  // namespace actbert::models
