#pragma once
// What the training engine trains: a module, a source of micro-batches and a loss. Pretraining,
// the action backbone and the fine-tuning tasks each implement one; the engine (trainer.h) adds
// the optimiser, schedule, clipping, accumulation, precision, checkpoints and metrics.
// Threading: the engine calls every method from its own thread, one at a time.

#include <torch/nn/module.h>
#include <torch/types.h>

#include <cstdint>
#include <map>
#include <string>

namespace actbert::train {

struct ObjectiveStep {
    torch::Tensor loss;                    // scalar with its graph; the engine calls backward
    std::map<std::string, double> values;  // named losses/metrics, e.g. "loss_mlm", "mlm_accuracy"
    std::int64_t samples = 0;              // for samples/s
    std::int64_t tokens = 0;               // for tokens/s
};

class TrainingObjective {
public:
    virtual ~TrainingObjective() = default;

    // The trained parameters (named_parameters() gives the checkpoint's tensor names).
    virtual torch::nn::Module& module() = 0;
    // The model's settings as JSON text, stored as config.json's "model"; a resume whose model
    // settings differ is refused.
    virtual std::string modelConfigJson() const = 0;
    // Parameters that take TrainingSettings::text_learning_rate when it is set (a BERT-initialised
    // text stream).
    virtual bool isTextParameter(const std::string& /*name*/) const { return false; }
    // The loss of micro-batch `micro_batch` (counted from 0 over the whole run: step *
    // accumulation_steps + i), so the data order follows from the position alone.
    virtual ObjectiveStep compute(std::int64_t micro_batch) = 0;
    // Extra loader state saved with a checkpoint and handed back on resume.
    virtual std::string loaderState() const { return {}; }
    virtual void restoreLoaderState(const std::string& /*state*/) {}
};

}  // namespace actbert::train
