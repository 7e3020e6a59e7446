#pragma once
// ActBERT's tangled transformer: text, region and action streams of post-LayerNorm BERT layers,
// joined by tangled layers at the configured places (../shared/design/actbert-model.md).
// Execution order for entry k of the tangle id lists: each stream runs its layers up to its id,
// then tangled layer k; after the last tangled layer every stream runs its remaining layers.
// Threading: a torch module; one forward at a time per instance (torch modules keep state).

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <vector>

#include "models/actbert/actbert_config.h"
#include "models/actbert/action_embeddings.h"
#include "models/actbert/attention.h"
#include "models/actbert/bert_layer.h"
#include "models/actbert/pooler.h"
#include "models/actbert/region_embeddings.h"
#include "models/actbert/tangled_layer.h"
#include "models/actbert/text_embeddings.h"

namespace actbert::models {

// One batch. Masks are 1 for real elements and 0 for padding; undefined optional tensors take
// their defaults (all valid, segment 0, positions 0..n-1 for actions and 0 for regions).
struct ActBertInputs {
    torch::Tensor text_ids;             // [batch, text_tokens] int64, required
    torch::Tensor text_mask;            // [batch, text_tokens], optional
    torch::Tensor text_segment_ids;     // [batch, text_tokens] int64, optional
    torch::Tensor action_features;      // [batch, actions, action_feature_size]; not for text-only
    torch::Tensor action_mask;          // [batch, actions], optional
    torch::Tensor action_position_ids;  // [batch, actions] int64 clip positions, optional
    torch::Tensor action_segment_ids;   // [batch, actions] int64, optional
    torch::Tensor region_features;      // [batch, regions, region_feature_size]; not text-only
    torch::Tensor region_boxes;         // [batch, regions, 5]
    torch::Tensor region_mask;          // [batch, regions], optional
    torch::Tensor region_position_ids;  // [batch, regions] int64 frame/clip positions, optional
    torch::Tensor region_segment_ids;   // [batch, regions] int64, optional
};

enum class StreamSelection {
    all,        // the full tangled transformer
    text_only,  // the text stack alone, no tangled layers: exactly BERT
};

// Mixed precision: autocast where LibTorch offers it (CUDA here).
enum class Precision { float32, bfloat16, float16 };

struct ForwardOptions {
    StreamSelection streams = StreamSelection::all;
    AttentionCapture capture = AttentionCapture::none;
    Precision precision = Precision::float32;
};

struct ActBertOutputs {
    torch::Tensor text_sequence;    // [batch, text_tokens, text_hidden]
    torch::Tensor region_sequence;  // [batch, 1 + regions, region_hidden]; undefined text-only
    torch::Tensor action_sequence;  // [batch, actions, action_hidden]; undefined text-only
    torch::Tensor region_mask;      // [batch, 1 + regions] with the global token
    torch::Tensor text_pooled;      // [batch, tangle_hidden]
    torch::Tensor region_pooled;    // [batch, tangle_hidden]; undefined text-only
    torch::Tensor action_pooled;    // [batch, tangle_hidden]; undefined text-only
    // In execution order when captured: "text.N", "region.N", "action.N", "tangle.K.text",
    // "tangle.K.region", "tangle.K.action", "tangle.K.action_to_text", "tangle.K.action_to_region".
    std::vector<AttentionRecord> attentions;
};

class ActBertModelImpl : public torch::nn::Module {
public:
    // Validates the config (std::invalid_argument) and initialises weights as BERT does:
    // N(0, 0.02) for projections and embeddings, zero biases, unit LayerNorms.
    explicit ActBertModelImpl(const ActBertConfig& config);

    // Checks the inputs' shapes, dtypes and id ranges (std::invalid_argument with the problem),
    // moves them to the model's device and runs the selected streams.
    ActBertOutputs forward(const ActBertInputs& inputs, const ForwardOptions& options = {});

    const ActBertConfig& config() const { return config_; }
    torch::Device device() const;

    TextEmbeddings text_embeddings{nullptr};
    RegionEmbeddings region_embeddings{nullptr};
    ActionEmbeddings action_embeddings{nullptr};
    torch::nn::ModuleList text_layers{nullptr};     // of BertLayer
    torch::nn::ModuleList region_layers{nullptr};   // of BertLayer
    torch::nn::ModuleList action_layers{nullptr};   // of BertLayer
    torch::nn::ModuleList tangled_layers{nullptr};  // of TangledLayer
    Pooler text_pooler{nullptr}, region_pooler{nullptr}, action_pooler{nullptr};

private:
    void initializeWeights();
    ActBertOutputs runTextOnly(const ActBertInputs& inputs, AttentionCapture capture);
    ActBertOutputs runAll(const ActBertInputs& inputs, AttentionCapture capture);

    ActBertConfig config_;
};
TORCH_MODULE(ActBertModel);

}  // namespace actbert::models
