#pragma once
// Every size of the ActBERT network (../shared/design/actbert-model.md), with the paper's base
// model as the default, a tiny preset for tests, JSON read/write and validation.
// Threading: a plain value; copy freely.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace actbert::models {

// How a tangled layer hands the action-guided cues to the other streams.
enum class TangleVariant {
    stacked,   // the paper: new key/value rows concatenated to each stream's own
    additive,  // PaddleVideo: resampled to the stream's length and added to its keys/values
};

// How the pooled outputs are fused for cross-modal matching (PaddleVideo's fusion_method).
enum class MatchingFusion {
    multiply,  // pooled_text * pooled_region + pooled_action
    sum,       // pooled_text + pooled_region + pooled_action
};

// Which extra embeddings the action and region streams get.
enum class VisualEmbeddings {
    paper,        // plus [ACT]/[REGION] token, clip position and segment embeddings
    paddlevideo,  // feature (and box) projections only, as in PaddleVideo's checkpoint
};

struct StreamConfig {
    std::int64_t hidden_size = 768;
    std::int64_t num_heads = 12;
    std::int64_t intermediate_size = 3072;
    std::int64_t num_layers = 12;
    double hidden_dropout = 0.1;
    double attention_dropout = 0.1;
};

struct ActBertConfig {
    // Text stream (bert-base-uncased).
    std::int64_t vocab_size = 30522;
    std::int64_t max_position_embeddings = 512;
    std::int64_t type_vocab_size = 2;
    double layer_norm_eps = 1e-12;
    StreamConfig text{768, 12, 3072, 12, 0.1, 0.1};
    StreamConfig region{1024, 8, 1024, 2, 0.1, 0.1};
    StreamConfig action{768, 12, 3072, 3, 0.1, 0.1};

    // Inputs of the visual streams.
    std::int64_t action_feature_size = 2048;
    std::int64_t region_feature_size = 2048;
    std::int64_t region_box_size = 5;      // x1/W, y1/H, x2/W, y2/H, area/(W*H)
    std::int64_t max_clip_positions = 64;  // clip position embeddings (paper embeddings only)
    VisualEmbeddings visual_embeddings = VisualEmbeddings::paper;

    // Tangled (connection) layers: entry k of each list is how many of that stream's layers run
    // before tangled layer k (PaddleVideo's t/v/a_ent_attention_id). All three lists have one
    // entry per tangled layer and are non-decreasing.
    std::int64_t tangle_hidden_size = 1024;
    std::int64_t tangle_num_heads = 8;
    double tangle_attention_dropout = 0.1;
    std::vector<std::int64_t> text_tangle_ids{10, 11};
    std::vector<std::int64_t> region_tangle_ids{0, 1};
    std::vector<std::int64_t> action_tangle_ids{0, 1};
    TangleVariant tangle = TangleVariant::stacked;

    // Pretraining heads.
    std::int64_t action_classes = 401;   // verb vocabulary (PaddleVideo: 401 or 700)
    std::int64_t object_classes = 1601;  // Visual Genome detector classes
    MatchingFusion fusion = MatchingFusion::multiply;

    // A few layers of width 32-64, for tests.
    static ActBertConfig tiny();
    // PaddleVideo's released configuration (additive tangle, no paper embeddings).
    static ActBertConfig paddleVideo();

    std::int64_t tangledLayerCount() const {
        return static_cast<std::int64_t>(text_tangle_ids.size());
    }

    // Throws std::invalid_argument naming the first field that is out of range or inconsistent.
    void validate() const;

    nlohmann::json toJson() const;
    // Missing fields keep their base defaults; unknown fields and wrong types are errors.
    static ActBertConfig fromJson(const nlohmann::json& json);
    std::string toJsonString() const;
    static ActBertConfig fromJsonString(const std::string& text);
};

std::string toString(TangleVariant variant);

}  // namespace actbert::models
