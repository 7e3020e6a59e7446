#include "models/actbert/action_embeddings.h"

#include <torch/torch.h>

namespace actbert::models {

ActionEmbeddingsImpl::ActionEmbeddingsImpl(const ActBertConfig& config) {
    const auto hidden = config.action.hidden_size;
    feature_projection = register_module("feature_projection",
                                         torch::nn::Linear(config.action_feature_size, hidden));
    if (config.visual_embeddings == VisualEmbeddings::paper) {
        act_token = register_parameter("act_token", torch::zeros({hidden}));
        position_embeddings = register_module(
            "position_embeddings", torch::nn::Embedding(config.max_clip_positions, hidden));
        segment_embeddings = register_module("segment_embeddings",
                                             torch::nn::Embedding(config.type_vocab_size, hidden));
    }
    layer_norm = register_module(
        "layer_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden}).eps(config.layer_norm_eps)));
    dropout = register_module("dropout", torch::nn::Dropout(config.action.hidden_dropout));
}

torch::Tensor ActionEmbeddingsImpl::forward(const torch::Tensor& features,
                                            const torch::Tensor& position_ids,
                                            const torch::Tensor& segment_ids) {
    // [batch, actions, hidden]
    auto summed = feature_projection(features);
    if (!position_embeddings.is_empty()) {
        summed = summed + act_token + position_embeddings(position_ids) +
                 segment_embeddings(segment_ids);
    }
    return dropout(layer_norm(summed));
}

}  // namespace actbert::models
