#pragma once
// Learning rate as a pure function of the global step (LibTorch's schedulers keep state that
// cannot be saved, so a resumed run recomputes it): linear warm-up to the peak, then linear or
// cosine decay to zero at the last step, or constant.
// Threading: pure function.

#include <cstdint>

#include "core/train/training_settings.h"

namespace actbert::train {

// `step` counts from 0 (the first optimiser step); returns the factor in [0, 1] for the peak.
double learningRateFactor(const TrainingSettings& settings, std::int64_t step);

}  // namespace actbert::train
