#include "models/actbert/actbert_pretraining.h"

#include <stdexcept>

namespace actbert::models {

ActBertPretrainingImpl::ActBertPretrainingImpl(const ActBertConfig& config) {
    actbert = register_module("actbert", ActBertModel(config));
    heads = register_module("heads", PretrainingHeads(config));
}

ActBertOutputs ActBertPretrainingImpl::encode(const ActBertInputs& inputs,
                                              const ForwardOptions& options) {
    return actbert->forward(inputs, options);
}

PretrainingOutputs ActBertPretrainingImpl::forward(const ActBertInputs& inputs,
                                                   const ForwardOptions& options) {
    if (options.streams != StreamSelection::all) {
        throw std::invalid_argument("pretraining needs all three streams");
    }
    PretrainingOutputs result;
    result.outputs = actbert->forward(inputs, options);
    result.scores =
        heads->forward(result.outputs, actbert->text_embeddings->word_embeddings->weight);
    return result;
}

}  // namespace actbert::models
