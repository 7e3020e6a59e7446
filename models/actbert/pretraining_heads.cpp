#include "models/actbert/pretraining_heads.h"

#include <torch/torch.h>

#include <stdexcept>

namespace actbert::models {

PretrainingHeadsImpl::PretrainingHeadsImpl(const ActBertConfig& config) : fusion_(config.fusion) {
    const auto eps = config.layer_norm_eps;
    text_transform =
        register_module("text_transform", PredictionTransform(config.text.hidden_size, eps));
    text_decoder_bias = register_parameter("text_decoder_bias", torch::zeros({config.vocab_size}));
    region_transform =
        register_module("region_transform", PredictionTransform(config.region.hidden_size, eps));
    region_decoder = register_module(
        "region_decoder", torch::nn::Linear(config.region.hidden_size, config.object_classes));
    action_transform =
        register_module("action_transform", PredictionTransform(config.action.hidden_size, eps));
    action_decoder = register_module(
        "action_decoder", torch::nn::Linear(config.action.hidden_size, config.action_classes));
    matching = register_module("matching", torch::nn::Linear(config.tangle_hidden_size, 2));
    dropout = register_module("dropout", torch::nn::Dropout(0.1));
    torch::NoGradGuard no_grad;
    for (auto& module : modules(/*include_self=*/false)) {
        if (auto* linear = module->as<torch::nn::Linear>()) {
            linear->weight.normal_(0.0, 0.02);
            linear->bias.zero_();
        }
    }
}

PretrainingScores PretrainingHeadsImpl::forward(const ActBertOutputs& outputs,
                                                const torch::Tensor& word_embeddings) {
    if (!outputs.region_sequence.defined()) {
        throw std::invalid_argument(
            "the pretraining heads need all three streams, not a text-only forward");
    }
    PretrainingScores scores;
    // [batch, tokens, vocab]
    scores.text = torch::matmul(text_transform(outputs.text_sequence), word_embeddings.t()) +
                  text_decoder_bias;
    scores.region = region_decoder(region_transform(outputs.region_sequence));
    scores.action = action_decoder(action_transform(outputs.action_sequence));
    // [batch, tangle_hidden]
    const auto fused = fusion_ == MatchingFusion::multiply
                           ? outputs.text_pooled * outputs.region_pooled + outputs.action_pooled
                           : outputs.text_pooled + outputs.region_pooled + outputs.action_pooled;
    scores.matching = matching(dropout(fused));
    return scores;
}

}  // namespace actbert::models
