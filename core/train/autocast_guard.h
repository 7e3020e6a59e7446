#pragma once
// bf16 autocast for the current thread while alive (CUDA only; a no-op on CPU, where training
// stays float32). Restores the previous state and clears the autocast cache on destruction.
// Threading: autocast state is per thread; create and destroy on the same thread.

namespace actbert::train {

class AutocastGuard {
public:
    explicit AutocastGuard(bool enable_bf16_cuda);
    ~AutocastGuard();
    AutocastGuard(const AutocastGuard&) = delete;
    AutocastGuard& operator=(const AutocastGuard&) = delete;

private:
    bool active_ = false;
    bool previous_enabled_ = false;
};

}  // namespace actbert::train
