#include "models/actbert/feed_forward.h"

#include <torch/torch.h>

namespace actbert::models {

FeedForwardImpl::FeedForwardImpl(std::int64_t hidden_size, std::int64_t intermediate_size,
                                 double dropout_p, double layer_norm_eps) {
    intermediate =
        register_module("intermediate", torch::nn::Linear(hidden_size, intermediate_size));
    output = register_module("output", torch::nn::Linear(intermediate_size, hidden_size));
    dropout = register_module("dropout", torch::nn::Dropout(dropout_p));
    layer_norm = register_module(
        "layer_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden_size}).eps(layer_norm_eps)));
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& x) {
    // [batch, tokens, intermediate]; BERT uses the exact erf GELU, not the tanh approximation.
    const auto inner = torch::gelu(intermediate(x));
    return layer_norm(dropout(output(inner)) + x);
}

}  // namespace actbert::models
