#pragma once
// The settings of one training run, stored with every checkpoint (config.json "training") so a
// resume can check it continues the same run.
// Threading: plain value type.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace actbert::train {

enum class LearningRateDecay { linear, cosine, constant };

struct TrainingSettings {
    std::int64_t steps = 1000;        // optimiser steps in the whole run
    double learning_rate = 1e-4;      // peak learning rate
    double text_learning_rate = 0.0;  // 0: same as learning_rate (else for text parameters)
    double weight_decay = 0.01;       // not applied to biases and LayerNorm weights
    std::int64_t warmup_steps = 0;    // linear warm-up from 0 to the peak
    LearningRateDecay decay = LearningRateDecay::linear;
    double max_grad_norm = 1.0;           // <= 0: no clipping
    std::int64_t accumulation_steps = 1;  // micro-batches per optimiser step
    std::int64_t checkpoint_every = 500;  // steps; 0: only the final checkpoint
    std::int64_t keep_checkpoints = 3;    // newest K checkpoint folders kept
    std::uint64_t seed = 0;
    std::string device = "cpu";  // "cpu", "cuda", "cuda:N"
    bool bf16_on_cuda = true;    // autocast to bfloat16 on CUDA (never on CPU)

    nlohmann::json toJson() const;
    static TrainingSettings fromJson(const nlohmann::json& json);
    // Throws std::invalid_argument naming the bad field.
    void validate() const;
};

}  // namespace actbert::train
