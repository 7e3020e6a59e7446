#pragma once
// The four pretraining heads: masked language modelling (decoder tied to the word embeddings,
// own bias), masked object classification over regions, masked action classification, and
// cross-modal matching on the fused pooled outputs (index 0 = matched, as in PaddleVideo).
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_model.h"
#include "models/actbert/prediction_transform.h"

namespace actbert::models {

struct PretrainingScores {
    torch::Tensor text;      // [batch, text_tokens, vocab] logits
    torch::Tensor region;    // [batch, 1 + regions, object_classes] logits (global token first)
    torch::Tensor action;    // [batch, actions, action_classes] logits
    torch::Tensor matching;  // [batch, 2] logits, index 0 = text and video match
};

class PretrainingHeadsImpl : public torch::nn::Module {
public:
    explicit PretrainingHeadsImpl(const ActBertConfig& config);

    // word_embeddings [vocab, text_hidden]: the tied decoder weight, owned by the text stream.
    PretrainingScores forward(const ActBertOutputs& outputs, const torch::Tensor& word_embeddings);

    PredictionTransform text_transform{nullptr};
    torch::Tensor text_decoder_bias;  // [vocab]
    PredictionTransform region_transform{nullptr};
    torch::nn::Linear region_decoder{nullptr};
    PredictionTransform action_transform{nullptr};
    torch::nn::Linear action_decoder{nullptr};
    torch::nn::Linear matching{nullptr};
    torch::nn::Dropout dropout{nullptr};

private:
    MatchingFusion fusion_;
};
TORCH_MODULE(PretrainingHeads);

}  // namespace actbert::models
