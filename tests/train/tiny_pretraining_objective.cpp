#include "tiny_pretraining_objective.h"

#include <torch/torch.h>

#include <limits>

#include "models/actbert/pretraining_losses.h"
#include "models/tiny_batch.h"

namespace actbert::tests {

TinyPretrainingObjective::TinyPretrainingObjective(const models::ActBertConfig& config,
                                                   std::int64_t nan_from_micro_batch)
    : config_(config), model_(config), nan_from_(nan_from_micro_batch) {}

bool TinyPretrainingObjective::isTextParameter(const std::string& name) const {
    return name.find("text") != std::string::npos;
}

train::ObjectiveStep TinyPretrainingObjective::compute(std::int64_t micro_batch) {
    const std::int64_t batch = 3, tokens = 8, actions = 4, regions = 3;
    const auto inputs = randomInputs(config_, batch, tokens, actions, regions);
    models::PretrainingTargets targets;
    targets.text_labels = torch::full_like(inputs.text_ids, -1);
    targets.text_labels.select(1, 2).copy_(inputs.text_ids.select(1, 2));
    targets.action_labels = torch::full({batch, actions}, -1, torch::kLong);
    targets.action_labels.select(1, 1).copy_(torch::randint(config_.action_classes, {batch}));
    targets.region_targets = torch::softmax(torch::randn({batch, regions, config_.object_classes}),
                                            /*dim=*/-1);
    targets.region_masked = torch::zeros({batch, regions});
    targets.region_masked.select(1, 0).fill_(1.0);
    targets.matched = torch::randint(2, {batch}, torch::kLong);
    const auto outputs = model_->forward(inputs);
    const auto losses = models::pretrainingLosses(outputs.scores, targets);
    train::ObjectiveStep step;
    step.loss = losses.total;
    if (nan_from_ >= 0 && micro_batch >= nan_from_)
        step.loss = losses.total * std::numeric_limits<double>::quiet_NaN();
    step.values = {{"loss_mlm", losses.masked_language.item<double>()},
                   {"loss_action", losses.masked_action.item<double>()},
                   {"loss_region", losses.masked_object.item<double>()},
                   {"loss_match", losses.matching.item<double>()}};
    step.samples = batch;
    step.tokens = batch * tokens;
    return step;
}

}  // namespace actbert::tests
