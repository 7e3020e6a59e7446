#pragma once
// Multi-head scaled dot-product attention written out explicitly (LibTorch 1.13 has no fused
// kernel), with the fused kernel of LibTorch 2.x used when present and no probabilities are
// wanted. Masks are additive: (1 - m) * -10000 on the scores, as in BERT and PaddleVideo.
// Threading: pure functions of their tensors; safe from any thread.

#include <torch/types.h>

#include <string>

namespace actbert::models {

// Whether a forward pass keeps every layer's attention probabilities (for the attention views).
enum class AttentionCapture { none, probabilities };

struct AttentionResult {
    torch::Tensor context;        // [batch, queries, heads * head_dim]
    torch::Tensor probabilities;  // [batch, heads, queries, keys]; undefined unless captured
};

// One captured attention map, named like "text.3", "tangle.0.action_to_text".
struct AttentionRecord {
    std::string name;
    torch::Tensor probabilities;  // [batch, heads, queries, keys]
};

// [batch, length, heads * head_dim] -> [batch, heads, length, head_dim]
torch::Tensor splitHeads(const torch::Tensor& x, std::int64_t num_heads);
// [batch, heads, length, head_dim] -> [batch, length, heads * head_dim]
torch::Tensor mergeHeads(const torch::Tensor& x);

// mask [batch, keys] of 1 (attend) / 0 (padding), any dtype -> [batch, 1, 1, keys] additive.
torch::Tensor additiveAttentionMask(const torch::Tensor& mask, torch::ScalarType dtype);

// query [batch, heads, queries, head_dim], key/value [batch, heads, keys, head_dim],
// additive_mask broadcastable to [batch, heads, queries, keys]. dropout_p is applied to the
// probabilities; pass 0 in evaluation.
AttentionResult attend(const torch::Tensor& query, const torch::Tensor& key,
                       const torch::Tensor& value, const torch::Tensor& additive_mask,
                       double dropout_p, AttentionCapture capture);

}  // namespace actbert::models
