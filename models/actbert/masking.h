#pragma once
// The pretraining masking procedure, reusable and reproducible from a seeded generator:
//  - words: each maskable token is chosen with probability 0.15; of those 80% become [MASK],
//    10% a random word, 10% stay; labels hold the original id at chosen positions, else -1;
//  - actions and regions: each valid element is chosen with probability 0.15 and its feature
//    is zeroed.
// Threading: the generator is not thread-safe; use one per thread.

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <cstdint>

namespace actbert::models {

// A CPU generator seeded for reproducible masking.
at::Generator makeMaskingGenerator(std::uint64_t seed);

struct MaskedTokens {
    torch::Tensor ids;     // [batch, tokens] with [MASK] / random ids substituted
    torch::Tensor labels;  // [batch, tokens] original id where chosen, else -1
};

struct MaskedFeatures {
    torch::Tensor features;  // [batch, items, feature] with chosen items zeroed
    torch::Tensor masked;    // [batch, items] bool, true where chosen
};

// maskable [batch, tokens] bool: false for [CLS], [SEP], padding.
MaskedTokens maskTokens(const torch::Tensor& ids, const torch::Tensor& maskable,
                        std::int64_t vocab_size, std::int64_t mask_token_id,
                        at::Generator& generator, double probability = 0.15);

// maskable [batch, items] bool: false for padding (and anything that must stay visible).
MaskedFeatures maskFeatures(const torch::Tensor& features, const torch::Tensor& maskable,
                            at::Generator& generator, double probability = 0.15);

}  // namespace actbert::models
