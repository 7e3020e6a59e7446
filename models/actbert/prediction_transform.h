#pragma once
// BERT's prediction-head transform: dense -> exact GELU -> LayerNorm, before each decoder.
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

namespace actbert::models {

class PredictionTransformImpl : public torch::nn::Module {
public:
    PredictionTransformImpl(std::int64_t hidden_size, double layer_norm_eps);

    // [batch, tokens, hidden] -> [batch, tokens, hidden]
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear dense{nullptr};
    torch::nn::LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(PredictionTransform);

}  // namespace actbert::models
