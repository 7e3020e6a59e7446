#include "models/actbert/masking.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <stdexcept>

namespace actbert::models {
namespace {

// Uniform [0, 1) draws of `like`'s shape from the CPU generator.
torch::Tensor uniformLike(const torch::Tensor& like, at::Generator& generator) {
    return torch::rand(like.sizes(), generator, torch::TensorOptions().dtype(torch::kFloat32));
}

}  // namespace

at::Generator makeMaskingGenerator(std::uint64_t seed) {
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

MaskedTokens maskTokens(const torch::Tensor& ids, const torch::Tensor& maskable,
                        std::int64_t vocab_size, std::int64_t mask_token_id,
                        at::Generator& generator, double probability) {
    if (ids.sizes() != maskable.sizes()) {
        throw std::invalid_argument("maskTokens: ids and maskable must have the same shape");
    }
    if (mask_token_id < 0 || mask_token_id >= vocab_size) {
        throw std::invalid_argument("maskTokens: the [MASK] id is outside the vocabulary");
    }
    const auto cpu_ids = ids.to(torch::kCPU, torch::kLong);
    const auto allowed = maskable.to(torch::kCPU, torch::kBool);
    const auto chosen = uniformLike(cpu_ids, generator).lt(probability).logical_and(allowed);
    // One draw decides the replacement: < 0.8 [MASK], < 0.9 a random word, else unchanged.
    const auto action = uniformLike(cpu_ids, generator);
    const auto random_words = torch::randint(vocab_size, cpu_ids.sizes(), generator,
                                             torch::TensorOptions().dtype(torch::kLong));
    auto masked_ids = cpu_ids.clone();
    masked_ids = torch::where(chosen.logical_and(action.lt(0.8)),
                              torch::full_like(cpu_ids, mask_token_id), masked_ids);
    masked_ids = torch::where(chosen.logical_and(action.ge(0.8)).logical_and(action.lt(0.9)),
                              random_words, masked_ids);
    const auto labels = torch::where(chosen, cpu_ids, torch::full_like(cpu_ids, -1));
    return {masked_ids.to(ids.device()), labels.to(ids.device())};
}

MaskedFeatures maskFeatures(const torch::Tensor& features, const torch::Tensor& maskable,
                            at::Generator& generator, double probability) {
    if (features.dim() != 3 || maskable.dim() != 2 || features.size(0) != maskable.size(0) ||
        features.size(1) != maskable.size(1)) {
        throw std::invalid_argument(
            "maskFeatures: features must be [batch, items, feature] and maskable [batch, items]");
    }
    const auto allowed = maskable.to(torch::kCPU, torch::kBool);
    const auto chosen = uniformLike(allowed, generator).lt(probability).logical_and(allowed);
    const auto on_device = chosen.to(features.device());
    // [batch, items, 1] broadcast over the feature axis
    const auto zeroed = features.masked_fill(on_device.unsqueeze(-1), 0.0);
    return {zeroed, on_device};
}

}  // namespace actbert::models
