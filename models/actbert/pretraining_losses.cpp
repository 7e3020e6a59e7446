#include "models/actbert/pretraining_losses.h"

#include <torch/torch.h>

#include <stdexcept>

namespace actbert::models {
namespace {

// Mean cross-entropy over the positions whose label is not -1; 0 when there are none.
torch::Tensor maskedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels) {
    // [positions, classes], [positions]
    const auto flat_logits = logits.reshape({-1, logits.size(-1)}).to(torch::kFloat32);
    const auto flat_labels = labels.reshape({-1}).to(logits.device(), torch::kLong);
    const auto summed = torch::nn::functional::cross_entropy(
        flat_logits, flat_labels,
        torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-1).reduction(torch::kSum));
    const auto count = flat_labels.ne(-1).sum().clamp_min(1);
    return summed / count;
}

// Mean soft cross-entropy -sum(target * log softmax) over the positions whose label is not -1.
torch::Tensor maskedSoftCrossEntropy(const torch::Tensor& logits, const torch::Tensor& targets,
                                     const torch::Tensor& labels) {
    if (targets.sizes() != logits.sizes()) {
        throw std::invalid_argument("action_targets must be [batch, actions, action_classes]");
    }
    // [batch, positions]
    const auto per_position = -(targets.to(logits.device(), torch::kFloat32) *
                                torch::log_softmax(logits.to(torch::kFloat32), /*dim=*/-1))
                                   .sum(/*dim=*/-1);
    const auto chosen = labels.to(logits.device()).ne(-1).to(torch::kFloat32);
    return (per_position * chosen).sum() / chosen.sum().clamp_min(1.0);
}

}  // namespace

PretrainingLosses pretrainingLosses(const PretrainingScores& scores,
                                    const PretrainingTargets& targets) {
    using torch::indexing::Slice;
    PretrainingLosses losses;
    losses.masked_language = maskedCrossEntropy(scores.text, targets.text_labels);
    losses.masked_action =
        targets.action_targets.defined()
            ? maskedSoftCrossEntropy(scores.action, targets.action_targets, targets.action_labels)
            : maskedCrossEntropy(scores.action, targets.action_labels);

    // [batch, regions, classes]: position 0 of the region stream is the global token
    const auto region_logits = scores.region.index({Slice(), Slice(1)}).to(torch::kFloat32);
    if (targets.region_targets.sizes() != region_logits.sizes()) {
        throw std::invalid_argument("region_targets must be [batch, regions, object_classes]");
    }
    const auto target = targets.region_targets.to(region_logits.device(), torch::kFloat32);
    const auto log_predicted = torch::log_softmax(region_logits, /*dim=*/-1);
    // [batch, regions]; xlogy makes 0 * log 0 = 0 for classes the detector gave no mass
    const auto kl = (torch::xlogy(target, target) - target * log_predicted).sum(/*dim=*/-1);
    const auto masked = targets.region_masked.to(region_logits.device(), torch::kFloat32);
    losses.masked_object = (kl * masked).sum() / masked.sum().clamp_min(1.0);

    losses.matching = torch::nn::functional::cross_entropy(
        scores.matching.to(torch::kFloat32),
        targets.matched.to(scores.matching.device(), torch::kLong));
    losses.total =
        losses.masked_language + losses.masked_action + losses.masked_object + losses.matching;
    return losses;
}

}  // namespace actbert::models
