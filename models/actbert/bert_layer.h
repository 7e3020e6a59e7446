#pragma once
// One post-LayerNorm BERT layer: multi-head self-attention -> AttentionOutput -> FeedForward.
// Used by the three streams (text, region, action) with their own sizes.
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"
#include "models/actbert/attention.h"
#include "models/actbert/attention_output.h"
#include "models/actbert/feed_forward.h"

namespace actbert::models {

struct LayerResult {
    torch::Tensor hidden;         // [batch, tokens, hidden]
    torch::Tensor probabilities;  // [batch, heads, tokens, tokens]; undefined unless captured
};

class BertLayerImpl : public torch::nn::Module {
public:
    BertLayerImpl(const StreamConfig& stream, double layer_norm_eps);

    // hidden [batch, tokens, hidden], additive_mask [batch, 1, 1, tokens]
    LayerResult forward(const torch::Tensor& hidden, const torch::Tensor& additive_mask,
                        AttentionCapture capture);

    torch::nn::Linear query{nullptr};
    torch::nn::Linear key{nullptr};
    torch::nn::Linear value{nullptr};
    AttentionOutput attention_output{nullptr};
    FeedForward feed_forward{nullptr};

private:
    std::int64_t num_heads_;
    double attention_dropout_;
};
TORCH_MODULE(BertLayer);

}  // namespace actbert::models
