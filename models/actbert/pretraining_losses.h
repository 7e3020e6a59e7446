#pragma once
// The four pretraining losses (summed unweighted, as in PaddleVideo):
//  - masked language modelling: cross-entropy over masked tokens;
//  - masked action classification: cross-entropy over masked clips' verb labels, or against
//    their verb distributions when action_targets is given (multi-label, l1-normalised);
//  - masked object classification: KL(target || softmax(prediction)) averaged over masked
//    regions (the global region token is never a target);
//  - cross-modal matching: two-way cross-entropy (index 0 = matched).
// A loss with nothing masked is 0, never NaN.
// Threading: pure functions; safe from any thread.

#include <torch/types.h>

#include "models/actbert/pretraining_heads.h"

namespace actbert::models {

struct PretrainingTargets {
    torch::Tensor text_labels;    // [batch, text_tokens] int64, original id or -1 if not masked
    torch::Tensor action_labels;  // [batch, actions] int64, verb class or -1 if not masked
    // Optional [batch, actions, action_classes] verb distributions; when defined the loss is
    // the cross-entropy against them at the positions whose action_labels is not -1.
    torch::Tensor action_targets;
    torch::Tensor region_targets;  // [batch, regions, object_classes] class distribution
    torch::Tensor region_masked;   // [batch, regions], 1 where the region was masked
    torch::Tensor matched;         // [batch] int64, 0 = text and video match, 1 = negative
};

struct PretrainingLosses {
    torch::Tensor masked_language;  // scalars
    torch::Tensor masked_action;
    torch::Tensor masked_object;
    torch::Tensor matching;
    torch::Tensor total;
};

PretrainingLosses pretrainingLosses(const PretrainingScores& scores,
                                    const PretrainingTargets& targets);

}  // namespace actbert::models
