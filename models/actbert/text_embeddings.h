#pragma once
// The text stream's input: word + learned position + segment embedding, LayerNorm, dropout
// (BERT's embeddings, so a Hugging Face BERT's weights load as they are).
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"

namespace actbert::models {

class TextEmbeddingsImpl : public torch::nn::Module {
public:
    explicit TextEmbeddingsImpl(const ActBertConfig& config);

    // token_ids, segment_ids [batch, tokens] int64 -> [batch, tokens, text_hidden]
    torch::Tensor forward(const torch::Tensor& token_ids, const torch::Tensor& segment_ids);

    torch::nn::Embedding word_embeddings{nullptr};      // [vocab, hidden], tied to the MLM decoder
    torch::nn::Embedding position_embeddings{nullptr};  // [max_positions, hidden]
    torch::nn::Embedding token_type_embeddings{nullptr};
    torch::nn::LayerNorm layer_norm{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(TextEmbeddings);

}  // namespace actbert::models
