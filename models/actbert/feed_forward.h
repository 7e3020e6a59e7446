#pragma once
// BERT's position-wise feed-forward block: dense -> exact (erf) GELU -> dense -> dropout ->
// LayerNorm(x + residual).
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

namespace actbert::models {

class FeedForwardImpl : public torch::nn::Module {
public:
    FeedForwardImpl(std::int64_t hidden_size, std::int64_t intermediate_size, double dropout,
                    double layer_norm_eps);

    // [batch, tokens, hidden] -> [batch, tokens, hidden]
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear intermediate{nullptr};  // hidden -> intermediate
    torch::nn::Linear output{nullptr};        // intermediate -> hidden
    torch::nn::Dropout dropout{nullptr};
    torch::nn::LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(FeedForward);

}  // namespace actbert::models
