#include "models/actbert/pooler.h"

#include <torch/torch.h>

namespace actbert::models {

PoolerImpl::PoolerImpl(std::int64_t hidden_size, std::int64_t pooled_size) {
    dense = register_module("dense", torch::nn::Linear(hidden_size, pooled_size));
}

torch::Tensor PoolerImpl::forward(const torch::Tensor& sequence) {
    using torch::indexing::Slice;
    // [batch, hidden]
    const auto first = sequence.index({Slice(), 0});
    return torch::relu(dense(first));
}

}  // namespace actbert::models
