#include "models/actbert/attention.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <cmath>

namespace actbert::models {

torch::Tensor splitHeads(const torch::Tensor& x, std::int64_t num_heads) {
    const auto batch = x.size(0);
    const auto length = x.size(1);
    const auto head_dim = x.size(2) / num_heads;
    // [batch, length, heads, head_dim] -> [batch, heads, length, head_dim]
    return x.view({batch, length, num_heads, head_dim}).permute({0, 2, 1, 3});
}

torch::Tensor mergeHeads(const torch::Tensor& x) {
    const auto batch = x.size(0);
    const auto heads = x.size(1);
    const auto length = x.size(2);
    const auto head_dim = x.size(3);
    // [batch, length, heads, head_dim] -> [batch, length, heads * head_dim]
    return x.permute({0, 2, 1, 3}).reshape({batch, length, heads * head_dim});
}

torch::Tensor additiveAttentionMask(const torch::Tensor& mask, torch::ScalarType dtype) {
    // [batch, keys] -> [batch, 1, 1, keys]
    return (1.0 - mask.to(dtype)).mul(-10000.0).unsqueeze(1).unsqueeze(2);
}

AttentionResult attend(const torch::Tensor& query, const torch::Tensor& key,
                       const torch::Tensor& value, const torch::Tensor& additive_mask,
                       double dropout_p, AttentionCapture capture) {
#if defined(TORCH_VERSION_MAJOR) && TORCH_VERSION_MAJOR >= 2
    if (capture == AttentionCapture::none) {
        // The fused kernel computes the same softmax(q k^T / sqrt(d) + mask) v.
        auto context = at::scaled_dot_product_attention(
            query, key, value, additive_mask.to(query.scalar_type()), dropout_p);
        return {mergeHeads(context), {}};
    }
#endif
    const double scale = 1.0 / std::sqrt(static_cast<double>(query.size(-1)));
    // [batch, heads, queries, keys]
    auto scores = torch::matmul(query, key.transpose(-1, -2)).mul(scale);
    scores = scores + additive_mask.to(scores.scalar_type());
    auto probabilities = torch::softmax(scores, /*dim=*/-1);
    auto dropped =
        dropout_p > 0 ? torch::dropout(probabilities, dropout_p, /*train=*/true) : probabilities;
    // [batch, heads, queries, head_dim]
    auto context = torch::matmul(dropped, value);
    AttentionResult result{mergeHeads(context), {}};
    if (capture == AttentionCapture::probabilities) {
        result.probabilities = probabilities.detach();
    }
    return result;
}

}  // namespace actbert::models
