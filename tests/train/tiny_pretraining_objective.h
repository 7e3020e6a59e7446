#pragma once
// A training objective for the engine tests: the tiny ActBERT with its four losses on random
// batches drawn from torch's global generator (so an exact resume needs the RNG state restored),
// optionally returning a NaN loss from a given step on.
// Threading: the engine's thread only.

#include <cstdint>
#include <string>

#include "core/train/training_objective.h"
#include "models/actbert/actbert_pretraining.h"

namespace actbert::tests {

class TinyPretrainingObjective : public train::TrainingObjective {
public:
    explicit TinyPretrainingObjective(const models::ActBertConfig& config,
                                      std::int64_t nan_from_micro_batch = -1);
    torch::nn::Module& module() override { return *model_; }
    std::string modelConfigJson() const override { return config_.toJsonString(); }
    bool isTextParameter(const std::string& name) const override;
    train::ObjectiveStep compute(std::int64_t micro_batch) override;

private:
    models::ActBertConfig config_;
    models::ActBertPretraining model_{nullptr};
    std::int64_t nan_from_ = -1;
};

}  // namespace actbert::tests
