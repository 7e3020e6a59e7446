#pragma once
// Data-parallel gradient averaging done the way DistributedDataParallel's reducer does it
// (the reducer itself cannot be included from Debian's headers and the C++ frontend has no
// DDP): parameters are grouped into flat buckets of about 25 MiB in reverse registration order
// (the last layers' gradients are ready first), and a post-hook on each parameter's gradient
// accumulator starts a bucket's SUM all-reduce as soon as all its gradients are in, while
// backward goes on computing the earlier layers. finish() starts what is left, waits, divides
// by the world size and writes the averages back into .grad.
//
// Buckets always start in the same order on every rank (bucket i never before bucket i-1), so
// ranks whose backward visits parameters in a different order still match their collectives.
// A parameter without a gradient on a rank takes part as zeros; each bucket also carries one
// "had a gradient" count per parameter, so a parameter no rank touched keeps an undefined .grad
// (as in a single-process run: AdamW then skips it) and one that some rank touched gets the
// average everywhere, keeping ranks bit-identical.
//
// Usage: see distributed_group.h. With world size 1 every call is a no-op.
// Threading: hooks run on the autograd engine's threads; one backward at a time.

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace actbert::train {

class DistributedGroup;

class GradientSynchronizer {
public:
    static constexpr std::size_t kDefaultBucketBytes = 25u * 1024u * 1024u;

    // parameters: the model's parameters in registration order (module->parameters()); those
    // with requires_grad false are ignored. All must be dense; the same list on every rank.
    GradientSynchronizer(std::shared_ptr<DistributedGroup> group,
                         std::vector<at::Tensor> parameters,
                         std::size_t bucket_bytes = kDefaultBucketBytes);
    ~GradientSynchronizer();
    GradientSynchronizer(const GradientSynchronizer&) = delete;
    GradientSynchronizer& operator=(const GradientSynchronizer&) = delete;

    // Gradient accumulation over micro-batches: while disabled, backward only accumulates
    // locally (like DDP's no_sync()); enable it again before the last micro-batch's backward.
    void setSyncEnabled(bool enabled);
    // After backward: starts buckets that did not start yet, waits for all, averages, writes
    // .grad. Throws DistributedError when a peer died or timed out.
    void finish();

    std::size_t bucketCount() const;
    // Buckets started from the hooks (during backward) in the last step: a check that the
    // all-reduce overlaps backward rather than running after it.
    std::size_t bucketsStartedDuringBackward() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace actbert::train
