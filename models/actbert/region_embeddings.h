#pragma once
// The region stream's input: Linear(detector feature) + Linear(5-D box), plus (paper embeddings)
// the [REGION] token, the position of the region's frame/clip and its segment; LayerNorm,
// dropout. Position 0 is a global token added here: the mean of the valid region features with
// the whole-frame box [0, 0, 1, 1, 1].
// Threading: a torch module; one forward at a time per instance.

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "models/actbert/actbert_config.h"

namespace actbert::models {

struct RegionEmbedding {
    torch::Tensor embedded;  // [batch, 1 + regions, region_hidden], global token first
    torch::Tensor mask;      // [batch, 1 + regions], 1 = valid (the global token always is)
};

class RegionEmbeddingsImpl : public torch::nn::Module {
public:
    explicit RegionEmbeddingsImpl(const ActBertConfig& config);

    // features [batch, regions, region_feature_size], boxes [batch, regions, 5],
    // mask/position_ids/segment_ids [batch, regions]
    RegionEmbedding forward(const torch::Tensor& features, const torch::Tensor& boxes,
                            const torch::Tensor& mask, const torch::Tensor& position_ids,
                            const torch::Tensor& segment_ids);

    torch::nn::Linear feature_projection{nullptr};
    torch::nn::Linear box_projection{nullptr};
    torch::Tensor region_token;                         // [region_hidden], paper only
    torch::nn::Embedding position_embeddings{nullptr};  // paper only
    torch::nn::Embedding segment_embeddings{nullptr};   // paper only
    torch::nn::LayerNorm layer_norm{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(RegionEmbeddings);

}  // namespace actbert::models
