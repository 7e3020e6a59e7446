#pragma once
// A stream's pooled output: its first position -> Linear(hidden -> tangle width) -> ReLU
// (PaddleVideo's pooler; BERT's tanh pooler is not used).
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace actbert::models {

class PoolerImpl : public torch::nn::Module {
public:
    PoolerImpl(std::int64_t hidden_size, std::int64_t pooled_size);

    // [batch, tokens, hidden] -> [batch, pooled]
    torch::Tensor forward(const torch::Tensor& sequence);

    torch::nn::Linear dense{nullptr};
};
TORCH_MODULE(Pooler);

}  // namespace actbert::models
