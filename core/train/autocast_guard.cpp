#include "core/train/autocast_guard.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace actbert::train {

AutocastGuard::AutocastGuard(bool enable_bf16_cuda) : active_(enable_bf16_cuda) {
    if (!active_)
        return;
#if TORCH_VERSION_MAJOR >= 2 && TORCH_VERSION_MINOR >= 4
    previous_enabled_ = at::autocast::is_autocast_enabled(at::kCUDA);
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    previous_enabled_ = at::autocast::is_enabled();
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
}

AutocastGuard::~AutocastGuard() {
    if (!active_)
        return;
#if TORCH_VERSION_MAJOR >= 2 && TORCH_VERSION_MINOR >= 4
    at::autocast::set_autocast_enabled(at::kCUDA, previous_enabled_);
#else
    at::autocast::set_enabled(previous_enabled_);
#endif
    at::autocast::clear_cache();
}

}  // namespace actbert::train
