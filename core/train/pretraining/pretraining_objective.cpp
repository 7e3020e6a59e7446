#include "core/train/pretraining/pretraining_objective.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "models/actbert/pretraining_losses.h"

namespace actbert::train {

PretrainingObjective::PretrainingObjective(models::ActBertPretraining model,
                                           const PretrainingCorpus& corpus, SampleOptions samples,
                                           LoaderOptions loader)
    : model_(std::move(model)),
      loader_(std::make_unique<PretrainingLoader>(corpus, samples, loader)) {}

std::string PretrainingObjective::modelConfigJson() const {
    return model_->config().toJsonString();
}

bool PretrainingObjective::isTextParameter(const std::string& name) const {
    return name.rfind("actbert.text_", 0) == 0;
}

PretrainingAccuracy pretrainingAccuracy(const models::PretrainingScores& scores,
                                        const models::PretrainingTargets& targets) {
    torch::NoGradGuard no_grad;
    PretrainingAccuracy result;
    const auto text_labels = targets.text_labels.to(scores.text.device());
    const auto text_chosen = text_labels.ne(-1);
    result.mlm_count = text_chosen.sum().item<std::int64_t>();
    if (result.mlm_count > 0)
        result.mlm =
            scores.text.argmax(-1).eq(text_labels).logical_and(text_chosen).sum().item<double>() /
            static_cast<double>(result.mlm_count);
    const auto action_chosen = targets.action_labels.to(scores.action.device()).ne(-1);
    result.action_count = action_chosen.sum().item<std::int64_t>();
    if (result.action_count > 0) {
        // Right when the predicted verb is one of the clip's verbs.
        const auto predicted = scores.action.argmax(-1, /*keepdim=*/true);
        const auto weight = targets.action_targets.defined()
                                ? targets.action_targets.to(scores.action.device())
                                      .gather(-1, predicted)
                                      .squeeze(-1)
                                : predicted.squeeze(-1)
                                      .eq(targets.action_labels.to(predicted.device()))
                                      .to(torch::kFloat);
        result.action = weight.gt(0).logical_and(action_chosen).sum().item<double>() /
                        static_cast<double>(result.action_count);
    }
    result.match = scores.matching.argmax(-1)
                       .eq(targets.matched.to(scores.matching.device()))
                       .to(torch::kFloat)
                       .mean()
                       .item<double>();
    return result;
}

ObjectiveStep PretrainingObjective::compute(std::int64_t micro_batch) {
    const auto waited_before = loader_->waitedSeconds();
    const auto batch = loader_->batch(micro_batch);
    next_micro_batch_ = micro_batch + 1;
    const auto outputs = model_->forward(batch.inputs);
    const auto losses = models::pretrainingLosses(outputs.scores, batch.targets);
    const auto accuracy = pretrainingAccuracy(outputs.scores, batch.targets);
    ObjectiveStep step;
    step.loss = losses.total;
    step.values = {{"loss_mlm", losses.masked_language.item<double>()},
                   {"loss_action", losses.masked_action.item<double>()},
                   {"loss_region", losses.masked_object.item<double>()},
                   {"loss_match", losses.matching.item<double>()},
                   {"mlm_accuracy", accuracy.mlm},
                   {"action_accuracy", accuracy.action},
                   {"match_accuracy", accuracy.match},
                   {"loader_wait_s", loader_->waitedSeconds() - waited_before}};
    step.samples = batch.samples;
    step.tokens = batch.tokens;
    return step;
}

std::string PretrainingObjective::loaderState() const {
    return nlohmann::json{{"next_micro_batch", next_micro_batch_}}.dump();
}

void PretrainingObjective::restoreLoaderState(const std::string& state) {
    // The order is a function of the micro-batch index the engine passes; the stored position
    // only tells the prefetcher where to start.
    const auto json = nlohmann::json::parse(state, nullptr, false);
    if (json.is_object() && json.contains("next_micro_batch"))
        next_micro_batch_ = json["next_micro_batch"].get<std::int64_t>();
}

}  // namespace actbert::train
