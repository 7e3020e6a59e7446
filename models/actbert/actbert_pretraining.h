#pragma once
// ActBERT with its pretraining heads: the unit our checkpoints store (names "actbert.*" and
// "heads.*"; the MLM decoder is the text stream's word embedding, stored once).
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_model.h"
#include "models/actbert/pretraining_heads.h"

namespace actbert::models {

struct PretrainingOutputs {
    ActBertOutputs outputs;
    PretrainingScores scores;
};

class ActBertPretrainingImpl : public torch::nn::Module {
public:
    explicit ActBertPretrainingImpl(const ActBertConfig& config);

    // The network alone (what encoders and downstream tasks use).
    ActBertOutputs encode(const ActBertInputs& inputs, const ForwardOptions& options = {});
    // The network and the four heads; needs all three streams.
    PretrainingOutputs forward(const ActBertInputs& inputs, const ForwardOptions& options = {});

    const ActBertConfig& config() const { return actbert->config(); }

    ActBertModel actbert{nullptr};
    PretrainingHeads heads{nullptr};
};
TORCH_MODULE(ActBertPretraining);

}  // namespace actbert::models
