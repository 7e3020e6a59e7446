#pragma once
// ActBERT's pretraining objective on the training engine: the four losses of
// models/actbert/pretraining_losses.h (masked words, masked actions against their verb
// distributions, masked objects against the detector's class distributions, text-video
// matching), summed, on batches from a PretrainingLoader. Reported values: "loss_mlm",
// "loss_action", "loss_region", "loss_match", "mlm_accuracy", "action_accuracy" (the argmax is
// one of the clip's verbs), "match_accuracy", and "loader_wait_s" (time the step waited on the
// loader; ~0 in steady state).
// Threading: the engine's thread only.

#include <cstdint>
#include <memory>
#include <string>

#include "core/train/pretraining/pretraining_loader.h"
#include "core/train/training_objective.h"
#include "models/actbert/actbert_pretraining.h"

namespace actbert::train {

class PretrainingObjective : public TrainingObjective {
public:
    // `model` is trained in place (random, BERT-initialised or loaded by the caller).
    PretrainingObjective(models::ActBertPretraining model, const PretrainingCorpus& corpus,
                         SampleOptions samples, LoaderOptions loader);

    torch::nn::Module& module() override { return *model_; }
    std::string modelConfigJson() const override;
    bool isTextParameter(const std::string& name) const override;
    ObjectiveStep compute(std::int64_t micro_batch) override;
    std::string loaderState() const override;
    void restoreLoaderState(const std::string& state) override;

    models::ActBertPretraining& model() { return model_; }

private:
    models::ActBertPretraining model_;
    std::unique_ptr<PretrainingLoader> loader_;
    std::int64_t next_micro_batch_ = 0;
};

// Accuracies of one batch's scores (the values above), computed without gradients.
struct PretrainingAccuracy {
    double mlm = 0, action = 0, match = 0;
    std::int64_t mlm_count = 0, action_count = 0;
};
PretrainingAccuracy pretrainingAccuracy(const models::PretrainingScores& scores,
                                        const models::PretrainingTargets& targets);

}  // namespace actbert::train
