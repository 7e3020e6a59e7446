#pragma once
// The training engine: runs a TrainingObjective for TrainingSettings::steps optimiser steps.
//
//   MyObjective objective(...);                       // module + batches + loss
//   actbert::train::TrainingSettings settings;
//   settings.steps = 200; settings.learning_rate = 1e-4; settings.checkpoint_every = 50;
//   actbert::train::Trainer trainer(objective, settings, "runs/tiny", /*resume=*/true);
//   actbert::train::TrainingEvents events;
//   events.on_event = [](const nlohmann::json& e) { std::cout << e.dump() << '\n'; };
//   const auto result = trainer.run(events);         // result.final_folder = runs/tiny/final
//
// What it does: AdamW with one parameter group per (decay, text) pair — no weight decay on
// biases and LayerNorm weights (every parameter of rank <= 1), text parameters at
// text_learning_rate when set; the learning rate recomputed from the global step (warm-up, then
// linear/cosine decay); gradient accumulation and clipping; bf16 autocast on CUDA, float32 on
// CPU; a NaN/inf loss stops the run with TrainingError naming the step (the last checkpoint
// stays as it was). Every checkpoint_every steps and at the end it writes OUT/checkpoint-STEP/
// (checkpoint_folder.h; the newest keep_checkpoints kept) and finally OUT/final/. Each step
// appends one JSON object to OUT/metrics.jsonl with the keys "step", "loss", the objective's
// named values (e.g. "loss_mlm"), "lr", "grad_norm", "samples_per_s", "tokens_per_s", "eta_s";
// the same object goes to on_step. With resume=true it continues from the newest complete
// checkpoint under OUT (optimiser, RNG states, loader position, step) after checking that the
// stored model settings equal the objective's, and cuts metrics.jsonl back to that step, so
// every step appears once; exact on CPU with a fixed thread count.
// Events (on_event): {"event":"checkpoint","path":...,"step":N}, {"event":"resumed",...},
// {"event":"finished",...}, {"event":"failed","message":...}, {"event":"cancelled",...}.
// Data parallel: with useDistributedGroup(group) of world size > 1, rank 0's weights are
// broadcast first, gradients are averaged by a GradientSynchronizer during backward, the logged
// values are averaged over ranks (samples and tokens summed), and rank 0 alone writes metrics
// and checkpoints and emits events; every rank resumes from the same checkpoint folder.
// Threading: run() blocks its calling thread; callbacks come from it.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/train/training_objective.h"
#include "core/train/training_settings.h"

namespace actbert::train {

class DistributedGroup;

class TrainingError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct TrainingEvents {
    std::function<void(const nlohmann::json& step)> on_step;
    std::function<void(const nlohmann::json& event)> on_event;
    // Polled between steps; true stops after writing a checkpoint of the last finished step.
    std::function<bool()> cancelled;
};

struct TrainingResult {
    std::int64_t steps_done = 0;     // global step reached
    std::int64_t resumed_from = -1;  // checkpoint step resumed from, -1 for a fresh start
    bool cancelled = false;
    std::filesystem::path final_folder;  // OUT/final when the run completed
};

class Trainer {
public:
    Trainer(TrainingObjective& objective, TrainingSettings settings, std::filesystem::path out,
            bool resume);
    TrainingResult run(const TrainingEvents& events = {});
    // Before run(): train data-parallel in `group` (every rank runs the same Trainer).
    void useDistributedGroup(std::shared_ptr<DistributedGroup> group) { group_ = std::move(group); }

private:
    std::shared_ptr<DistributedGroup> group_;
    TrainingObjective& objective_;
    TrainingSettings settings_;
    std::filesystem::path out_;
    bool resume_;
};

}  // namespace actbert::train
