#include "core/train/training_settings.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace actbert::train {

namespace {

const char* decayName(LearningRateDecay decay) {
    switch (decay) {
        case LearningRateDecay::linear:
            return "linear";
        case LearningRateDecay::cosine:
            return "cosine";
        case LearningRateDecay::constant:
            return "constant";
    }
    return "linear";
}

LearningRateDecay decayFromName(const std::string& name) {
    if (name == "linear")
        return LearningRateDecay::linear;
    if (name == "cosine")
        return LearningRateDecay::cosine;
    if (name == "constant")
        return LearningRateDecay::constant;
    throw std::invalid_argument("training setting \"decay\": unknown value \"" + name +
                                "\" (linear, cosine or constant)");
}

}  // namespace

nlohmann::json TrainingSettings::toJson() const {
    return {{"steps", steps},
            {"learning_rate", learning_rate},
            {"text_learning_rate", text_learning_rate},
            {"weight_decay", weight_decay},
            {"warmup_steps", warmup_steps},
            {"decay", decayName(decay)},
            {"max_grad_norm", max_grad_norm},
            {"accumulation_steps", accumulation_steps},
            {"checkpoint_every", checkpoint_every},
            {"keep_checkpoints", keep_checkpoints},
            {"seed", seed},
            {"device", device},
            {"bf16_on_cuda", bf16_on_cuda}};
}

TrainingSettings TrainingSettings::fromJson(const nlohmann::json& json) {
    TrainingSettings s;
    s.steps = json.value("steps", s.steps);
    s.learning_rate = json.value("learning_rate", s.learning_rate);
    s.text_learning_rate = json.value("text_learning_rate", s.text_learning_rate);
    s.weight_decay = json.value("weight_decay", s.weight_decay);
    s.warmup_steps = json.value("warmup_steps", s.warmup_steps);
    s.decay = decayFromName(json.value("decay", std::string(decayName(s.decay))));
    s.max_grad_norm = json.value("max_grad_norm", s.max_grad_norm);
    s.accumulation_steps = json.value("accumulation_steps", s.accumulation_steps);
    s.checkpoint_every = json.value("checkpoint_every", s.checkpoint_every);
    s.keep_checkpoints = json.value("keep_checkpoints", s.keep_checkpoints);
    s.seed = json.value("seed", s.seed);
    s.device = json.value("device", s.device);
    s.bf16_on_cuda = json.value("bf16_on_cuda", s.bf16_on_cuda);
    s.validate();
    return s;
}

void TrainingSettings::validate() const {
    auto fail = [](const std::string& what) {
        throw std::invalid_argument("training setting " + what);
    };
    if (steps < 1)
        fail("\"steps\" must be at least 1");
    if (!(learning_rate > 0))
        fail("\"learning_rate\" must be positive");
    if (text_learning_rate < 0)
        fail("\"text_learning_rate\" must not be negative");
    if (weight_decay < 0)
        fail("\"weight_decay\" must not be negative");
    if (warmup_steps < 0)
        fail("\"warmup_steps\" must not be negative");
    if (accumulation_steps < 1)
        fail("\"accumulation_steps\" must be at least 1");
    if (checkpoint_every < 0)
        fail("\"checkpoint_every\" must not be negative");
    if (keep_checkpoints < 1)
        fail("\"keep_checkpoints\" must be at least 1");
}

}  // namespace actbert::train
