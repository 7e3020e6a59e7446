#pragma once
// Progress reporting and cancellation for long operations.
// Threading: a CancelToken may be cancelled from any thread while the work polls it from
// another; a ProgressFn is called on the worker's thread and must be cheap and thread-safe.

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace actbert {

// Shared flag: copies of a token observe the same cancellation.
class CancelToken {
public:
    CancelToken() : state_(std::make_shared<std::atomic<bool>>(false)) {}

    void cancel() { state_->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return state_->load(std::memory_order_relaxed); }
    // Throws actbert::Cancelled when cancelled; call at safe points inside long loops.
    void throwIfCancelled() const;

private:
    std::shared_ptr<std::atomic<bool>> state_;
};

// fraction in [0, 1]; message says what is being done ("indexing frames", ...).
using ProgressFn = std::function<void(double fraction, const std::string& message)>;

inline void reportProgress(const ProgressFn& progress, double fraction,
                           const std::string& message) {
    if (progress) {
        progress(fraction, message);
    }
}

// A sub-task's progress: it reports its own [0, 1], the parent sees [begin, end] of its own.
// The one place that maps sub-ranges (core/jobs' ProgressRange does the same for structured
// progress). Empty when parent is empty, so callers may skip the work of reporting.
ProgressFn subProgress(const ProgressFn& parent, double begin, double end);

}  // namespace actbert
