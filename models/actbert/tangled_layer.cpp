#include "models/actbert/tangled_layer.h"

#include <torch/torch.h>

namespace actbert::models {

torch::Tensor resampleNearest(const torch::Tensor& x, std::int64_t target_length) {
    const auto source_length = x.size(2);
    // [target] source row of every output row, in exact integer arithmetic
    const auto index = torch::div(torch::arange(target_length, torch::kLong) * source_length,
                                  target_length, /*rounding_mode=*/"floor")
                           .to(x.device());
    return x.index_select(/*dim=*/2, index);
}

TangledLayerImpl::TangledLayerImpl(const ActBertConfig& config)
    : variant_(config.tangle),
      num_heads_(config.tangle_num_heads),
      cross_dropout_(config.tangle_attention_dropout),
      text_dropout_(config.text.attention_dropout),
      region_dropout_(config.region.attention_dropout),
      action_dropout_(config.action.attention_dropout) {
    const auto bi = config.tangle_hidden_size;
    const auto ht = config.text.hidden_size;
    const auto hr = config.region.hidden_size;
    const auto ha = config.action.hidden_size;
    const auto eps = config.layer_norm_eps;
    text_query = register_module("text_query", torch::nn::Linear(ht, bi));
    text_key = register_module("text_key", torch::nn::Linear(ht, bi));
    text_value = register_module("text_value", torch::nn::Linear(ht, bi));
    region_query = register_module("region_query", torch::nn::Linear(hr, bi));
    region_key = register_module("region_key", torch::nn::Linear(hr, bi));
    region_value = register_module("region_value", torch::nn::Linear(hr, bi));
    action_query = register_module("action_query", torch::nn::Linear(ha, bi));
    action_key = register_module("action_key", torch::nn::Linear(ha, bi));
    action_value = register_module("action_value", torch::nn::Linear(ha, bi));
    if (variant_ == TangleVariant::stacked) {
        action_text_query = register_module("action_text_query", torch::nn::Linear(ha, bi));
        action_region_query = register_module("action_region_query", torch::nn::Linear(ha, bi));
    }
    key_at = register_module("key_at", torch::nn::Linear(bi, bi));
    value_at = register_module("value_at", torch::nn::Linear(bi, bi));
    key_av = register_module("key_av", torch::nn::Linear(bi, bi));
    // Registered in both variants so PaddleVideo checkpoints load; only stacked uses it.
    value_av = register_module("value_av", torch::nn::Linear(bi, bi));
    text_output =
        register_module("text_output", AttentionOutput(bi, ht, config.text.hidden_dropout, eps));
    region_output = register_module("region_output",
                                    AttentionOutput(bi, hr, config.region.hidden_dropout, eps));
    action_output = register_module("action_output",
                                    AttentionOutput(bi, ha, config.action.hidden_dropout, eps));
    text_feed_forward = register_module(
        "text_feed_forward",
        FeedForward(ht, config.text.intermediate_size, config.text.hidden_dropout, eps));
    region_feed_forward = register_module(
        "region_feed_forward",
        FeedForward(hr, config.region.intermediate_size, config.region.hidden_dropout, eps));
    action_feed_forward = register_module(
        "action_feed_forward",
        FeedForward(ha, config.action.intermediate_size, config.action.hidden_dropout, eps));
}

TangledResult TangledLayerImpl::forward(const TangledStreams& input, const TangledMasks& masks,
                                        AttentionCapture capture) {
    const auto rate = [this](double p) { return is_training() ? p : 0.0; };
    // [batch, heads, tokens, head_dim] for every projection below
    auto text_k = splitHeads(text_key(input.text), num_heads_);
    auto text_v = splitHeads(text_value(input.text), num_heads_);
    auto region_k = splitHeads(region_key(input.region), num_heads_);
    auto region_v = splitHeads(region_value(input.region), num_heads_);
    auto action_k = splitHeads(action_key(input.action), num_heads_);
    auto action_v = splitHeads(action_value(input.action), num_heads_);
    const auto action_q = splitHeads(action_query(input.action), num_heads_);
    const bool stacked = variant_ == TangleVariant::stacked;
    const auto to_text_q =
        stacked ? splitHeads(action_text_query(input.action), num_heads_) : action_q;
    const auto to_region_q =
        stacked ? splitHeads(action_region_query(input.action), num_heads_) : action_q;

    // Cues gathered by the action queries: [batch, actions, tangle_hidden]
    auto linguistic = attend(to_text_q, text_k, text_v, masks.text, rate(cross_dropout_), capture);
    auto regional =
        attend(to_region_q, region_k, region_v, masks.region, rate(cross_dropout_), capture);

    TangledMasks attended_masks = masks;
    if (stacked) {
        // [batch, heads, actions, head_dim] cue keys/values appended after the stream's own
        const auto linguistic_k = splitHeads(key_at(linguistic.context), num_heads_);
        const auto linguistic_v = splitHeads(value_at(linguistic.context), num_heads_);
        const auto regional_k = splitHeads(key_av(regional.context), num_heads_);
        const auto regional_v = splitHeads(value_av(regional.context), num_heads_);
        text_k = torch::cat({text_k, regional_k}, /*dim=*/2);
        text_v = torch::cat({text_v, regional_v}, /*dim=*/2);
        region_k = torch::cat({region_k, linguistic_k}, /*dim=*/2);
        region_v = torch::cat({region_v, linguistic_v}, /*dim=*/2);
        action_k = torch::cat({action_k, linguistic_k}, /*dim=*/2);
        action_v = torch::cat({action_v, linguistic_v}, /*dim=*/2);
        // Cue row i exists only where action i does: extend each mask with the action mask.
        attended_masks.text = torch::cat({masks.text, masks.action}, /*dim=*/-1);
        attended_masks.region = torch::cat({masks.region, masks.action}, /*dim=*/-1);
        attended_masks.action = torch::cat({masks.action, masks.action}, /*dim=*/-1);
    } else {
        const auto text_length = text_k.size(2);
        const auto region_length = region_k.size(2);
        text_k =
            text_k + resampleNearest(splitHeads(key_av(regional.context), num_heads_), text_length);
        // PaddleVideo applies value_at (not value_av) to the regional cues: kept on purpose.
        text_v = text_v +
                 resampleNearest(splitHeads(value_at(regional.context), num_heads_), text_length);
        region_k = region_k + resampleNearest(splitHeads(key_at(linguistic.context), num_heads_),
                                              region_length);
        region_v = region_v + resampleNearest(splitHeads(value_at(linguistic.context), num_heads_),
                                              region_length);
    }

    const auto text_q = splitHeads(text_query(input.text), num_heads_);
    const auto region_q = splitHeads(region_query(input.region), num_heads_);
    auto text_attention =
        attend(text_q, text_k, text_v, attended_masks.text, rate(text_dropout_), capture);
    auto region_attention =
        attend(region_q, region_k, region_v, attended_masks.region, rate(region_dropout_), capture);
    auto action_attention =
        attend(action_q, action_k, action_v, attended_masks.action, rate(action_dropout_), capture);

    TangledResult result;
    result.streams.text = text_feed_forward(text_output(text_attention.context, input.text));
    result.streams.region =
        region_feed_forward(region_output(region_attention.context, input.region));
    result.streams.action =
        action_feed_forward(action_output(action_attention.context, input.action));
    result.text_probabilities = text_attention.probabilities;
    result.region_probabilities = region_attention.probabilities;
    result.action_probabilities = action_attention.probabilities;
    result.action_to_text_probabilities = linguistic.probabilities;
    result.action_to_region_probabilities = regional.probabilities;
    return result;
}

}  // namespace actbert::models
