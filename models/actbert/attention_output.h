#pragma once
// After attention: project the context back to the stream's width, dropout, then
// LayerNorm(x + residual) (post-LayerNorm BERT). Also used by the tangled layer, whose context
// has the common tangle width.
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

namespace actbert::models {

class AttentionOutputImpl : public torch::nn::Module {
public:
    AttentionOutputImpl(std::int64_t context_size, std::int64_t hidden_size, double dropout,
                        double layer_norm_eps);

    // context [batch, tokens, context_size], residual [batch, tokens, hidden] -> same as residual
    torch::Tensor forward(const torch::Tensor& context, const torch::Tensor& residual);

    torch::nn::Linear dense{nullptr};
    torch::nn::Dropout dropout{nullptr};
    torch::nn::LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(AttentionOutput);

}  // namespace actbert::models
