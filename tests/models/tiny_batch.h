#pragma once
// Random batches for the tiny ActBERT config, shared by the model tests.
// Threading: uses torch's global generator; call from the test's thread.

#include <cstdint>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_model.h"

namespace actbert::tests {

// `batch` samples with `tokens` text ids in [1, vocab), `actions` clips and `regions` boxes,
// all valid (masks of ones).
models::ActBertInputs randomInputs(const models::ActBertConfig& config, std::int64_t batch,
                                   std::int64_t tokens, std::int64_t actions, std::int64_t regions);

// Sample `index` of `inputs` alone (every tensor sliced to [1, ...]).
models::ActBertInputs sliceSample(const models::ActBertInputs& inputs, std::int64_t index);

// The tiny config without dropout, so outputs are deterministic functions of the inputs.
models::ActBertConfig tinyWithoutDropout(models::TangleVariant variant);

}  // namespace actbert::tests
