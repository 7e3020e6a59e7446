#include "models/actbert/bert_layer.h"

#include <torch/torch.h>

namespace actbert::models {

BertLayerImpl::BertLayerImpl(const StreamConfig& stream, double layer_norm_eps)
    : num_heads_(stream.num_heads), attention_dropout_(stream.attention_dropout) {
    const auto hidden = stream.hidden_size;
    query = register_module("query", torch::nn::Linear(hidden, hidden));
    key = register_module("key", torch::nn::Linear(hidden, hidden));
    value = register_module("value", torch::nn::Linear(hidden, hidden));
    attention_output = register_module(
        "attention_output", AttentionOutput(/*context_size=*/hidden, /*hidden_size=*/hidden,
                                            stream.hidden_dropout, layer_norm_eps));
    feed_forward = register_module(
        "feed_forward",
        FeedForward(hidden, stream.intermediate_size, stream.hidden_dropout, layer_norm_eps));
}

LayerResult BertLayerImpl::forward(const torch::Tensor& hidden, const torch::Tensor& additive_mask,
                                   AttentionCapture capture) {
    // [batch, heads, tokens, head_dim] each
    const auto q = splitHeads(query(hidden), num_heads_);
    const auto k = splitHeads(key(hidden), num_heads_);
    const auto v = splitHeads(value(hidden), num_heads_);
    auto attention =
        attend(q, k, v, additive_mask, is_training() ? attention_dropout_ : 0.0, capture);
    const auto attended = attention_output(attention.context, hidden);
    return {feed_forward(attended), attention.probabilities};
}

}  // namespace actbert::models
