#include "core/train/learning_rate_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace actbert::train {

double learningRateFactor(const TrainingSettings& settings, std::int64_t step) {
    // Warm-up counts step 0 as the first step so the first update is not a no-op.
    if (settings.warmup_steps > 0 && step < settings.warmup_steps)
        return static_cast<double>(step + 1) / static_cast<double>(settings.warmup_steps);
    if (settings.decay == LearningRateDecay::constant)
        return 1.0;
    const double decay_steps = static_cast<double>(settings.steps - settings.warmup_steps);
    if (decay_steps <= 0)
        return 1.0;
    const double progress =
        std::clamp(static_cast<double>(step - settings.warmup_steps) / decay_steps, 0.0, 1.0);
    if (settings.decay == LearningRateDecay::cosine)
        return 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    return 1.0 - progress;
}

}  // namespace actbert::train
