#include "models/actbert/text_embeddings.h"

#include <torch/torch.h>

namespace actbert::models {

TextEmbeddingsImpl::TextEmbeddingsImpl(const ActBertConfig& config) {
    const auto hidden = config.text.hidden_size;
    word_embeddings =
        register_module("word_embeddings", torch::nn::Embedding(config.vocab_size, hidden));
    position_embeddings = register_module(
        "position_embeddings", torch::nn::Embedding(config.max_position_embeddings, hidden));
    token_type_embeddings = register_module("token_type_embeddings",
                                            torch::nn::Embedding(config.type_vocab_size, hidden));
    layer_norm = register_module(
        "layer_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden}).eps(config.layer_norm_eps)));
    dropout = register_module("dropout", torch::nn::Dropout(config.text.hidden_dropout));
}

torch::Tensor TextEmbeddingsImpl::forward(const torch::Tensor& token_ids,
                                          const torch::Tensor& segment_ids) {
    // [tokens] -> broadcast over the batch
    const auto positions = torch::arange(token_ids.size(1), token_ids.options());
    const auto summed = word_embeddings(token_ids) + position_embeddings(positions).unsqueeze(0) +
                        token_type_embeddings(segment_ids);
    return dropout(layer_norm(summed));
}

}  // namespace actbert::models
