#pragma once
// The action stream's input: one 3D-CNN feature per clip, Linear(feature -> hidden), plus (paper
// embeddings) the [ACT] token embedding, the clip's position and its segment; LayerNorm,
// dropout.
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"

namespace actbert::models {

class ActionEmbeddingsImpl : public torch::nn::Module {
public:
    explicit ActionEmbeddingsImpl(const ActBertConfig& config);

    // features [batch, actions, action_feature_size]; position_ids, segment_ids [batch, actions]
    // int64 (used with paper embeddings only) -> [batch, actions, action_hidden]
    torch::Tensor forward(const torch::Tensor& features, const torch::Tensor& position_ids,
                          const torch::Tensor& segment_ids);

    torch::nn::Linear feature_projection{nullptr};
    torch::Tensor act_token;                            // [action_hidden], paper only
    torch::nn::Embedding position_embeddings{nullptr};  // [max_clip_positions, hidden], paper only
    torch::nn::Embedding segment_embeddings{nullptr};   // [type_vocab, hidden], paper only
    torch::nn::LayerNorm layer_norm{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(ActionEmbeddings);

}  // namespace actbert::models
