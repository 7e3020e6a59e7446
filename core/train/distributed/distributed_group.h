#pragma once
// A data-parallel process group on PyTorch's own c10d (ProcessGroupGloo over a TCPStore; with
// an official CUDA LibTorch, ProcessGroupNCCL for CUDA tensors). The c10d and Gloo headers stay
// in the .cpp so code using this header compiles fast.
//
// Usage (the training loop; see also gradient_synchronizer.h):
//   auto env = DistributedEnvironment::fromProcessEnvironment();
//   auto group = DistributedGroup::create(env, {});   // world_size 1: no sockets, no-op
//   collectives group->broadcastFromRankZero(parametersAndBuffers(*model)); GradientSynchronizer
//   sync(group, model->parameters()); for (...) {
//       optimizer.zero_grad();
//       loss.backward();   // buckets are all-reduced while backward goes on
//       sync.finish();     // waits, averages; every rank now holds the same gradients
//       optimizer.step();
//       auto totals = group->allreduceSum({loss_sum, samples});  // metrics, rank 0 reports them
//   }
//   group->barrier();
//
// Errors: a rank that dies or stalls makes the collectives on the others throw
// DistributedError (after at most options.timeout) instead of hanging.

#include <ATen/core/Tensor.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/train/distributed/distributed_environment.h"

namespace actbert::train {

// A collective failed (peer died, timeout, rendezvous failed). what() names rank and operation.
class DistributedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct DistributedOptions {
    // Bound on rendezvous and on every collective: a dead or stuck rank surfaces as a
    // DistributedError after this long at most. Generous by default (a slow step on a loaded
    // machine must not look like a dead peer); tests use seconds.
    std::chrono::milliseconds timeout = std::chrono::minutes(10);
    // "auto": NCCL when device_type is CUDA and this LibTorch has it, otherwise Gloo.
    std::string backend = "auto";  // auto | gloo | nccl
    bool cuda = false;             // the tensors passed to collectives live on CUDA
};

// A collective that has been started; wait() blocks until its result is in the tensors.
class PendingCollective {
public:
    PendingCollective() = default;
    explicit PendingCollective(std::function<void()> wait) : wait_(std::move(wait)) {}
    // Throws DistributedError when the collective failed. Waiting twice is a no-op.
    void wait();

private:
    std::function<void()> wait_;
};

class DistributedGroup {
public:
    // Connects to the rendezvous store and builds the process group; blocks until every rank
    // has joined (or throws DistributedError after options.timeout). world_size 1 needs nothing.
    static std::shared_ptr<DistributedGroup> create(const DistributedEnvironment& env,
                                                    const DistributedOptions& options);
    virtual ~DistributedGroup() = default;

    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    bool isRankZero() const { return rank() == 0; }
    virtual std::string backendName() const = 0;

    // Element-wise SUM over ranks, in place, started asynchronously. Tensors must be dense,
    // contiguous and have the same shape and dtype on every rank; ranks must start collectives
    // in the same order.
    virtual PendingCollective allreduceSumAsync(at::Tensor tensor) = 0;
    // Convenience: SUM of a few scalars (metrics), blocking.
    std::vector<double> allreduceSum(const std::vector<double>& values);
    // Rank 0's values overwrite everyone's (initial weights, buffers), under NoGradGuard,
    // coalesced into flat buffers.
    virtual void broadcastFromRankZero(const std::vector<at::Tensor>& tensors) = 0;
    virtual void barrier() = 0;

protected:
    DistributedGroup() = default;
};

}  // namespace actbert::train
