#pragma once
// Checking and completing an ActBERT batch before it reaches the network: shapes, dtypes and id
// ranges are verified (a bad batch gives std::invalid_argument naming the tensor and the
// problem instead of an out-of-range read deep inside LibTorch), optional tensors get their
// defaults and everything is moved to the model's device.
// Threading: a pure function; safe from any thread.

#include <torch/types.h>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_model.h"

namespace actbert::models {

ActBertInputs prepareInputs(const ActBertInputs& inputs, const ActBertConfig& config,
                            StreamSelection streams, torch::Device device);

}  // namespace actbert::models
