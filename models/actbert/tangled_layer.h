#pragma once
// The tangled (connection) layer of ActBERT: the action stream queries the text and region
// streams (paper equations 1 and 2), and the gathered cues become extra keys/values:
// regional cues for the text stream, linguistic cues for the region (and, in the paper, action)
// stream. Two variants (see ActBertConfig::tangle and ../shared/design/actbert-model.md):
//  - stacked (paper): cue rows are concatenated to the stream's own keys/values;
//  - additive (PaddleVideo): cues are resampled by nearest neighbour to the stream's length and
//    added to its keys/values; the action stream gets plain self-attention and value_at is
//    applied to both cue sets (value_av exists but is unused), so released weights agree.
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"
#include "models/actbert/attention.h"
#include "models/actbert/attention_output.h"
#include "models/actbert/feed_forward.h"

namespace actbert::models {

struct TangledStreams {
    torch::Tensor text;    // [batch, text_tokens, text_hidden]
    torch::Tensor region;  // [batch, regions, region_hidden]
    torch::Tensor action;  // [batch, actions, action_hidden]
};

struct TangledMasks {
    torch::Tensor text;    // additive [batch, 1, 1, text_tokens]
    torch::Tensor region;  // additive [batch, 1, 1, regions]
    torch::Tensor action;  // additive [batch, 1, 1, actions]
};

struct TangledResult {
    TangledStreams streams;
    // Each [batch, heads, queries, keys]; undefined unless captured. Keys of text/region/action
    // include the appended cue rows in the stacked variant.
    torch::Tensor text_probabilities;
    torch::Tensor region_probabilities;
    torch::Tensor action_probabilities;
    torch::Tensor action_to_text_probabilities;
    torch::Tensor action_to_region_probabilities;
};

class TangledLayerImpl : public torch::nn::Module {
public:
    explicit TangledLayerImpl(const ActBertConfig& config);

    TangledResult forward(const TangledStreams& input, const TangledMasks& masks,
                          AttentionCapture capture);

    // Projections of each stream to the common tangle width.
    torch::nn::Linear text_query{nullptr}, text_key{nullptr}, text_value{nullptr};
    torch::nn::Linear region_query{nullptr}, region_key{nullptr}, region_value{nullptr};
    torch::nn::Linear action_query{nullptr}, action_key{nullptr}, action_value{nullptr};
    // Stacked only: the paper's separate action queries W_q1 (to text) and W_q2 (to regions).
    torch::nn::Linear action_text_query{nullptr}, action_region_query{nullptr};
    // New keys/values from the linguistic (at) and regional (av) cues.
    torch::nn::Linear key_at{nullptr}, value_at{nullptr}, key_av{nullptr}, value_av{nullptr};
    AttentionOutput text_output{nullptr}, region_output{nullptr}, action_output{nullptr};
    FeedForward text_feed_forward{nullptr}, region_feed_forward{nullptr},
        action_feed_forward{nullptr};

private:
    TangleVariant variant_;
    std::int64_t num_heads_;
    double cross_dropout_;
    double text_dropout_, region_dropout_, action_dropout_;
};
TORCH_MODULE(TangledLayer);

// PaddleVideo's nearest-neighbour resampling along the tokens axis: output row j takes source
// row floor(j * source_length / target_length). [batch, heads, source, d] -> [.., target, d]
torch::Tensor resampleNearest(const torch::Tensor& x, std::int64_t target_length);

}  // namespace actbert::models
