#include "models/actbert/attention_output.h"

namespace actbert::models {

AttentionOutputImpl::AttentionOutputImpl(std::int64_t context_size, std::int64_t hidden_size,
                                         double dropout_p, double layer_norm_eps) {
    dense = register_module("dense", torch::nn::Linear(context_size, hidden_size));
    dropout = register_module("dropout", torch::nn::Dropout(dropout_p));
    layer_norm = register_module(
        "layer_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden_size}).eps(layer_norm_eps)));
}

torch::Tensor AttentionOutputImpl::forward(const torch::Tensor& context,
                                           const torch::Tensor& residual) {
    return layer_norm(dropout(dense(context)) + residual);
}

}  // namespace actbert::models
