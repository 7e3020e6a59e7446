#pragma once
// Training the action backbone as the paper does: clips sampled like extraction (clip_frames
// at clip_fps from the clip's start, short side resized and centre-cropped), verb targets
// l1-normalised over the clip's verbs, softmax cross-entropy, Adam.
// Threading: train() runs on the calling thread; progress is reported there; cancel may be
// triggered from any thread.

#include <string>

#include "core/common/progress.h"
#include "core/features/batch_extraction.h"
#include "core/features/verb_dataset.h"
#include "models/backbones/r3d.h"

namespace actbert::features {

struct BackboneTrainingOptions {
    int epochs = 1;
    int batch_size = 4;
    double learning_rate = 1e-3;
    std::uint64_t seed = 0;  // clip order
};

struct EpochReport {
    int epoch = 0;
    double mean_loss = 0;
    double top1_accuracy = 0;  // predicted verb is one of the clip's verbs
};

class ActionBackboneTrainer {
public:
    // `model` must have a classifier with as many classes as the data set's vocabulary.
    // Throws actbert::Error otherwise.
    ActionBackboneTrainer(models::backbones::R3d model, torch::Device device,
                          BackboneTrainingOptions options);

    // Runs every epoch; after each, `on_epoch` is called (e.g. to save a checkpoint).
    // Throws actbert::Error when a clip cannot be decoded, actbert::Cancelled when cancelled.
    std::vector<EpochReport> train(const VerbDataset& dataset, const FrameSourceFactory& open,
                                   const std::function<void(const EpochReport&)>& on_epoch,
                                   const ProgressFn& progress, const CancelToken& cancel);

private:
    models::backbones::R3d model_;
    torch::Device device_;
    BackboneTrainingOptions options_;
};

}  // namespace actbert::features
