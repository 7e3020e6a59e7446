#pragma once
// One pretraining sample from a corpus window, and a batch of them, as the paper builds them:
//  - text: [CLS] segment [SEP] segment [SEP] ... (the window's narration, [SEP] between
//    sentences), cut to max_text_tokens keeping the final [SEP];
//  - actions: one feature per clip, clip positions 0..n-1, targets the clip's verbs
//    l1-normalised (multi-label);
//  - regions: per clip the region frame nearest the clip's centre, its (up to 5) boxes, all
//    at the clip's position, targets the region source's class distributions;
//  - masking, each element with probability 0.15: tokens 80% [MASK] / 10% random / 10% kept,
//    actions and regions zeroed;
//  - matching: with probability 0.5 the text comes from a window of another video (never the
//    same one). Such a negative carries no masked targets (its text says nothing about its
//    video, so predicting masked words from the video would teach the model to ignore it).
// Every random choice comes from a generator seeded with (seed, epoch, sample index) alone,
// so a sample is the same whichever worker thread builds it and whenever.
// Threading: pure functions of an immutable corpus; safe from any thread.

#include <torch/types.h>

#include <cstdint>

#include "models/actbert/actbert_model.h"
#include "models/actbert/pretraining_losses.h"

namespace actbert::train {

class PretrainingCorpus;

struct SampleOptions {
    std::int64_t max_text_tokens = 48;  // including [CLS] and the [SEP]s
    double mask_probability = 0.15;
    double mismatch_probability = 0.5;
    std::int64_t vocab_size = 0;  // random replacement words are drawn from [0, vocab_size)
    std::int64_t cls_id = 0, sep_id = 0, pad_id = 0, mask_id = 0;
};

struct PretrainingSample {
    torch::Tensor text_ids;             // [T] int64 (after masking)
    torch::Tensor text_labels;          // [T] int64 original id where masked, else -1
    torch::Tensor action_features;      // [A, action_dim] (masked rows zeroed)
    torch::Tensor action_targets;       // [A, verbs] l1-normalised verb distribution
    torch::Tensor action_masked;        // [A] bool
    torch::Tensor region_features;      // [R, region_dim] (masked rows zeroed)
    torch::Tensor region_boxes;         // [R, 5]
    torch::Tensor region_valid;         // [R] bool: a real region
    torch::Tensor region_position_ids;  // [R] int64 clip position of the region's frame
    torch::Tensor region_targets;       // [R, object_classes]
    torch::Tensor region_masked;        // [R] bool
    std::int64_t matched = 0;           // 0 = text and video match, 1 = negative
};

// Sample `index` (a window of the corpus) for `epoch`.
PretrainingSample makeSample(const PretrainingCorpus& corpus, std::size_t index, std::uint64_t seed,
                             std::uint64_t epoch, const SampleOptions& options);

struct PretrainingBatch {
    models::ActBertInputs inputs;
    models::PretrainingTargets targets;
    std::int64_t samples = 0;
    std::int64_t tokens = 0;  // real text tokens
};

// Pads to the longest text / action / region sequence of the batch (masks 0 there).
PretrainingBatch collate(const std::vector<PretrainingSample>& samples, std::int64_t pad_id);

// Deterministic 64-bit mixing of a seed with indices (splitmix64).
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b);

}  // namespace actbert::train
