#include "models/actbert/prediction_transform.h"

#include <torch/torch.h>

namespace actbert::models {

PredictionTransformImpl::PredictionTransformImpl(std::int64_t hidden_size, double layer_norm_eps) {
    dense = register_module("dense", torch::nn::Linear(hidden_size, hidden_size));
    layer_norm = register_module(
        "layer_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden_size}).eps(layer_norm_eps)));
}

torch::Tensor PredictionTransformImpl::forward(const torch::Tensor& x) {
    return layer_norm(torch::gelu(dense(x)));
}

}  // namespace actbert::models
