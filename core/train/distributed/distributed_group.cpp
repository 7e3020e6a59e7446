#include "core/train/distributed/distributed_group.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/version.h>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <cstdlib>
#include <map>
#include <tuple>

#if defined(ACTBERT_HAVE_GLOO)
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#if defined(ACTBERT_HAVE_NCCL)
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace actbert::train {
namespace {

// PyTorch 2.x moved the collectives of the concrete process groups into c10d::Backend;
// 1.13's ProcessGroupGloo still derives from c10d::ProcessGroup. Both have the same
// allreduce / broadcast / barrier signatures, so the rest of this file is version-neutral.
#if TORCH_VERSION_MAJOR >= 2
using C10dBackend = c10d::Backend;
#else
using C10dBackend = c10d::ProcessGroup;
#endif

// Broadcast buffers are flattened into chunks of about this size (as DDP's broadcast does).
constexpr std::int64_t kBroadcastBucketBytes = 25LL * 1024 * 1024;

std::string describe(const DistributedEnvironment& env) {
    return "rank " + std::to_string(env.rank) + " of " + std::to_string(env.world_size);
}

// Single process: collectives are identities, nothing is opened.
class LocalGroup final : public DistributedGroup {
public:
    int rank() const override { return 0; }
    int worldSize() const override { return 1; }
    std::string backendName() const override { return "local"; }
    PendingCollective allreduceSumAsync(at::Tensor) override { return PendingCollective(); }
    void broadcastFromRankZero(const std::vector<at::Tensor>&) override {}
    void barrier() override {}
};

class C10dGroup final : public DistributedGroup {
public:
    C10dGroup(DistributedEnvironment env, std::chrono::milliseconds timeout,
              c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<C10dBackend> backend,
              std::string name)
        : env_(std::move(env)),
          timeout_(timeout),
          store_(std::move(store)),
          backend_(std::move(backend)),
          name_(std::move(name)) {}

    int rank() const override { return env_.rank; }
    int worldSize() const override { return env_.world_size; }
    std::string backendName() const override { return name_; }

    PendingCollective allreduceSumAsync(at::Tensor tensor) override {
        checkTensor(tensor, "allreduce");
        std::vector<at::Tensor> tensors{tensor};
        c10d::AllreduceOptions options;
        options.reduceOp = c10d::ReduceOp::SUM;
        options.timeout = timeout_;
        auto work = guarded("allreduce", [&] { return backend_->allreduce(tensors, options); });
        return PendingCollective([this, work]() { wait(work, "allreduce"); });
    }

    void broadcastFromRankZero(const std::vector<at::Tensor>& tensors) override {
        at::NoGradGuard no_grad;
        // Group by (device, dtype) in order, flatten each group into chunks, broadcast, copy
        // back. Every rank builds the same chunks because shapes are identical everywhere.
        std::map<std::tuple<std::string, int>, std::vector<at::Tensor>> groups;
        std::vector<std::tuple<std::string, int>> order;
        for (const auto& t : tensors) {
            if (!t.defined()) {
                continue;
            }
            checkTensor(t, "broadcast");
            auto key = std::make_tuple(t.device().str(), static_cast<int>(t.scalar_type()));
            if (groups.find(key) == groups.end()) {
                order.push_back(key);
            }
            groups[key].push_back(t);
        }
        for (const auto& key : order) {
            std::vector<at::Tensor> chunk;
            std::int64_t bytes = 0;
            for (const auto& t : groups[key]) {
                chunk.push_back(t);
                bytes += t.numel() * static_cast<std::int64_t>(t.element_size());
                if (bytes >= kBroadcastBucketBytes) {
                    broadcastChunk(chunk);
                    chunk.clear();
                    bytes = 0;
                }
            }
            if (!chunk.empty()) {
                broadcastChunk(chunk);
            }
        }
    }

    void barrier() override {
        c10d::BarrierOptions options;
        options.timeout = timeout_;
        auto work = guarded("barrier", [&] { return backend_->barrier(options); });
        wait(work, "barrier");
    }

private:
    void broadcastChunk(const std::vector<at::Tensor>& chunk) {
        std::vector<at::Tensor> flat_views;
        flat_views.reserve(chunk.size());
        for (const auto& t : chunk) {
            flat_views.push_back(t.reshape({-1}));
        }
        std::vector<at::Tensor> flat{at::cat(flat_views)};  // [sum of numel]
        c10d::BroadcastOptions options;
        options.rootRank = 0;
        options.timeout = timeout_;
        auto work = guarded("broadcast", [&] { return backend_->broadcast(flat, options); });
        wait(work, "broadcast");
        std::int64_t offset = 0;
        for (const auto& t : chunk) {
            const std::int64_t n = t.numel();
            t.copy_(flat[0].narrow(0, offset, n).view(t.sizes()));
            offset += n;
        }
    }

    void checkTensor(const at::Tensor& t, const char* operation) const {
        if (!t.defined() || t.is_sparse() || !t.is_contiguous()) {
            throw DistributedError(std::string("distributed ") + operation + " on " +
                                   describe(env_) +
                                   ": tensors must be defined, dense and contiguous");
        }
    }

    template <typename Fn>
    auto guarded(const char* operation, Fn&& fn) -> decltype(fn()) {
        try {
            return fn();
        } catch (const std::exception& e) {
            throw DistributedError(failure(operation, e.what()));
        }
    }

    template <typename WorkPtr>
    void wait(const WorkPtr& work, const char* operation) {
        try {
            work->wait(timeout_);
        } catch (const std::exception& e) {
            throw DistributedError(failure(operation, e.what()));
        }
    }

    std::string failure(const char* operation, const std::string& cause) const {
        // c10::Error messages carry a C++ backtrace after the first line; keep the first.
        const std::string first_line = cause.substr(0, cause.find('\n'));
        return std::string("distributed ") + operation + " failed on " + describe(env_) +
               " (backend " + name_ + ", timeout " + std::to_string(timeout_.count() / 1000.0) +
               " s): another rank has probably died or stopped responding: " + first_line;
    }

    DistributedEnvironment env_;
    std::chrono::milliseconds timeout_;
    c10::intrusive_ptr<c10d::Store> store_;
    c10::intrusive_ptr<C10dBackend> backend_;
    std::string name_;
};

c10::intrusive_ptr<c10d::Store> connectStore(const DistributedEnvironment& env,
                                             std::chrono::milliseconds timeout) {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(env.master_port);
    options.timeout = timeout;
    if (env.use_agent_store) {
        // torchrun's agent serves the store; rank 0 must not bind the port.
        options.isServer = false;
        auto store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, options);
        return c10::make_intrusive<c10d::PrefixStore>(env.agentStorePrefix(), store);
    }
    options.isServer = env.rank == 0;
    options.numWorkers = static_cast<std::size_t>(env.world_size);
    options.waitWorkers = true;
    return c10::make_intrusive<c10d::TCPStore>(env.master_addr, options);
}

#if defined(ACTBERT_HAVE_GLOO)
std::shared_ptr<::gloo::transport::Device> glooDevice(const DistributedEnvironment& env) {
    if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname) {
        return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
    }
    const std::string& addr = env.master_addr;
    if (addr == "localhost" || addr.rfind("127.", 0) == 0) {
        // Every rank is on this host: bind loopback, whatever the hostname resolves to.
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    }
    return c10d::ProcessGroupGloo::createDefaultDevice();
}
#endif

}  // namespace

void PendingCollective::wait() {
    if (wait_) {
        auto wait = std::move(wait_);
        wait_ = nullptr;
        wait();
    }
}

std::vector<double> DistributedGroup::allreduceSum(const std::vector<double>& values) {
    if (worldSize() == 1 || values.empty()) {
        return values;
    }
    at::Tensor t = at::tensor(values, at::TensorOptions().dtype(at::kDouble));  // [n]
    allreduceSumAsync(t).wait();
    const double* data = t.data_ptr<double>();
    return std::vector<double>(data, data + t.numel());
}

std::shared_ptr<DistributedGroup> DistributedGroup::create(const DistributedEnvironment& env,
                                                           const DistributedOptions& options) {
    if (!env.isDistributed()) {
        return std::make_shared<LocalGroup>();
    }
    std::string backend = options.backend;
    if (backend == "auto") {
#if defined(ACTBERT_HAVE_NCCL)
        backend = options.cuda ? "nccl" : "gloo";
#else
        backend = "gloo";
#endif
    }
    c10::intrusive_ptr<c10d::Store> store;
    try {
        store = connectStore(env, options.timeout);
    } catch (const std::exception& e) {
        const std::string cause = e.what();
        throw DistributedError("distributed rendezvous failed on " + describe(env) + " at " +
                               env.master_addr + ":" + std::to_string(env.master_port) + ": " +
                               cause.substr(0, cause.find('\n')));
    }
    try {
        if (backend == "gloo") {
#if defined(ACTBERT_HAVE_GLOO)
            auto gloo_options = c10d::ProcessGroupGloo::Options::create(options.timeout);
            gloo_options->devices.push_back(glooDevice(env));
            auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, env.rank,
                                                                     env.world_size, gloo_options);
            return std::make_shared<C10dGroup>(env, options.timeout, store, group, "gloo");
#else
            throw DistributedError("this build has no Gloo (c10d headers need libgloo-dev)");
#endif
        }
        if (backend == "nccl") {
#if defined(ACTBERT_HAVE_NCCL)
            auto nccl_options = c10d::ProcessGroupNCCL::Options::create();
            nccl_options->timeout = options.timeout;
            auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, env.rank,
                                                                     env.world_size, nccl_options);
            return std::make_shared<C10dGroup>(env, options.timeout, store, group, "nccl");
#else
            throw DistributedError("this LibTorch has no NCCL backend (a CUDA build is needed)");
#endif
        }
        throw DistributedError("unknown distributed backend '" + backend +
                               "' (expected auto, gloo or nccl)");
    } catch (const DistributedError&) {
        throw;
    } catch (const std::exception& e) {
        const std::string cause = e.what();
        throw DistributedError("creating the " + backend + " process group failed on " +
                               describe(env) + ": " + cause.substr(0, cause.find('\n')));
    }
}

}  // namespace actbert::train
