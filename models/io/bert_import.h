#pragma once
// Importing a Hugging Face BERT checkpoint (safetensors, bert-base-uncased naming, with or
// without the "bert." prefix) into ActBERT's text stream, for BERTs of any size. The
// text-stream sizes come from the Hugging Face config.json beside the weights; when the BERT has
// fewer text layers than the tangled-layer placement expects, the tangled layers follow the last
// text layers (they keep their distance from the top of the stack).
// Threading: free functions; the model must not be used elsewhere while it is imported into.

#include <cstdint>
#include <string>
#include <vector>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"

namespace actbert::models::io {

struct HfBertConfig {
    std::int64_t hidden_size = 768;
    std::int64_t num_hidden_layers = 12;
    std::int64_t num_attention_heads = 12;
    std::int64_t intermediate_size = 3072;
    std::int64_t vocab_size = 30522;
    std::int64_t max_position_embeddings = 512;
    std::int64_t type_vocab_size = 2;
    double layer_norm_eps = 1e-12;
};

// Reads a Hugging Face config.json; throws std::runtime_error naming the file and the field.
HfBertConfig readHfBertConfig(const std::string& path);

// `base` with its text stream sized like the BERT and the tangle placement adapted to it.
ActBertConfig configForBert(const HfBertConfig& bert, ActBertConfig base);

struct ImportReport {
    std::vector<std::string> used;     // "checkpoint name -> our name"
    std::vector<std::string> skipped;  // checkpoint tensors with no place in ActBERT, with why
    std::vector<std::string> missed;   // our text-stream parameters the checkpoint lacks
};

// Copies every BERT tensor with a place in the text stream (and the MLM transform and bias) into
// `model`. Shape mismatches are errors naming the file and tensor; the model is unchanged then.
ImportReport importBert(const std::string& path, ActBertPretraining& model);

}  // namespace actbert::models::io
