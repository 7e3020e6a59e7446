#include "core/train/distributed/gradient_synchronizer.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/utils/lambda_post_hook.h>
#include <torch/csrc/autograd/variable.h>

#include <mutex>
#include <string>
#include <utility>

#include "core/train/distributed/distributed_group.h"

namespace actbert::train {

namespace {

struct Bucket {
    std::vector<std::size_t> parameters;  // indices into State::parameters
    std::vector<std::int64_t> offsets;    // start of each gradient in flat
    std::int64_t gradient_numel = 0;
    // [gradient_numel + parameters.size()]: the gradients, then one "had a gradient" count per
    // parameter, so one collective carries both.
    at::Tensor flat;
    std::size_t pending = 0;  // gradients not yet ready in this backward
    bool started = false;
    PendingCollective work;
};

}  // namespace

struct GradientSynchronizer::State {
    std::shared_ptr<DistributedGroup> group;
    std::vector<at::Tensor> parameters;
    std::vector<std::size_t> bucket_of;  // parameter index -> bucket index
    std::vector<bool> ready;
    std::vector<Bucket> buckets;
    std::vector<std::pair<std::shared_ptr<torch::autograd::Node>, std::uintptr_t>> hooks;
    std::size_t next_bucket = 0;
    bool enabled = true;
    std::size_t started_from_hooks = 0;
    std::size_t last_started_from_hooks = 0;
    std::mutex mutex;

    void start(Bucket& bucket) {
        at::NoGradGuard no_grad;
        bucket.flat.zero_();
        for (std::size_t k = 0; k < bucket.parameters.size(); ++k) {
            const at::Tensor& grad = parameters[bucket.parameters[k]].grad();
            if (!grad.defined()) {
                continue;  // joins as zeros with count 0
            }
            if (grad.is_sparse()) {
                throw DistributedError(
                    "gradient synchronisation: sparse gradients are not "
                    "supported");
            }
            bucket.flat.narrow(0, bucket.offsets[k], grad.numel()).copy_(grad.reshape({-1}));
            bucket.flat[bucket.gradient_numel + static_cast<std::int64_t>(k)].fill_(1);
        }
        bucket.started = true;
        bucket.work = group->allreduceSumAsync(bucket.flat);
    }

    // Starts ready buckets strictly in index order so every rank issues the same sequence.
    void startReadyBuckets() {
        while (next_bucket < buckets.size() && buckets[next_bucket].pending == 0) {
            start(buckets[next_bucket]);
            ++next_bucket;
            ++started_from_hooks;
        }
    }

    void onGradientReady(std::size_t index) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!enabled) {
            return;
        }
        if (ready[index]) {
            throw DistributedError(
                "gradient synchronisation: a second backward ran before finish(); call "
                "finish() after each backward or disable sync for accumulation steps");
        }
        ready[index] = true;
        Bucket& bucket = buckets[bucket_of[index]];
        if (--bucket.pending == 0) {
            startReadyBuckets();
        }
    }

    void reset() {
        for (auto& bucket : buckets) {
            bucket.pending = bucket.parameters.size();
            bucket.started = false;
        }
        std::fill(ready.begin(), ready.end(), false);
        next_bucket = 0;
        last_started_from_hooks = started_from_hooks;
        started_from_hooks = 0;
    }
};

GradientSynchronizer::GradientSynchronizer(std::shared_ptr<DistributedGroup> group,
                                           std::vector<at::Tensor> parameters,
                                           std::size_t bucket_bytes)
    : state_(std::make_unique<State>()) {
    state_->group = std::move(group);
    for (auto& p : parameters) {
        if (p.defined() && p.requires_grad()) {
            state_->parameters.push_back(p);
        }
    }
    auto& params = state_->parameters;
    state_->bucket_of.assign(params.size(), 0);
    state_->ready.assign(params.size(), false);
    if (state_->group->worldSize() == 1) {
        return;  // nothing to synchronise, no hooks
    }
    // Reverse registration order approximates the order backward produces gradients in.
    std::size_t bucket_bytes_so_far = 0;
    for (std::size_t r = 0; r < params.size(); ++r) {
        const std::size_t i = params.size() - 1 - r;
        const at::Tensor& p = params[i];
        if (p.is_sparse()) {
            throw DistributedError("gradient synchronisation: sparse parameters are not supported");
        }
        const std::size_t bytes = static_cast<std::size_t>(p.numel()) * p.element_size();
        const bool fits = !state_->buckets.empty() &&
                          state_->buckets.back().flat.scalar_type() == p.scalar_type() &&
                          state_->buckets.back().flat.device() == p.device() &&
                          bucket_bytes_so_far + bytes <= bucket_bytes;
        if (!fits) {
            state_->buckets.emplace_back();
            // Placeholder so dtype/device are known while filling; sized below.
            state_->buckets.back().flat = at::empty({0}, p.options().requires_grad(false));
            bucket_bytes_so_far = 0;
        }
        Bucket& bucket = state_->buckets.back();
        bucket.parameters.push_back(i);
        bucket.offsets.push_back(bucket.gradient_numel);
        bucket.gradient_numel += p.numel();
        bucket_bytes_so_far += bytes;
        state_->bucket_of[i] = state_->buckets.size() - 1;
    }
    for (auto& bucket : state_->buckets) {
        bucket.flat =
            at::zeros({bucket.gradient_numel + static_cast<std::int64_t>(bucket.parameters.size())},
                      bucket.flat.options());
    }
    state_->reset();
    // A post-hook on the gradient accumulator fires after .grad holds this backward's value
    // (what DDP's reducer hooks), unlike a tensor hook, which sees the incoming gradient.
    for (std::size_t i = 0; i < params.size(); ++i) {
        auto accumulator = torch::autograd::impl::grad_accumulator(params[i]);
        State* state = state_.get();
        const auto key =
            accumulator->add_post_hook(std::make_unique<torch::autograd::utils::LambdaPostHook>(
                [state, i](const torch::autograd::variable_list& outputs,
                           const torch::autograd::variable_list& /*inputs*/) {
                    state->onGradientReady(i);
                    return outputs;
                }));
        state_->hooks.emplace_back(std::move(accumulator), key);
    }
}

GradientSynchronizer::~GradientSynchronizer() {
    for (auto& [accumulator, key] : state_->hooks) {
        accumulator->del_post_hook(key);
    }
}

void GradientSynchronizer::setSyncEnabled(bool enabled) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->enabled = enabled;
}

void GradientSynchronizer::finish() {
    State& s = *state_;
    if (s.group->worldSize() == 1) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        // Buckets with a parameter that got no gradient this step (unused on this rank) never
        // became ready: start them now, still in order, with zeros for the missing gradients.
        while (s.next_bucket < s.buckets.size()) {
            s.start(s.buckets[s.next_bucket]);
            ++s.next_bucket;
        }
    }
    const double world = static_cast<double>(s.group->worldSize());
    at::NoGradGuard no_grad;
    try {
        for (auto& bucket : s.buckets) {
            bucket.work.wait();
            at::Tensor gradients = bucket.flat.narrow(0, 0, bucket.gradient_numel);
            gradients.div_(world);  // Gloo has no AVG: SUM then divide
            // One device-to-host copy per bucket for the counts.
            const at::Tensor counts =
                bucket.flat
                    .narrow(0, bucket.gradient_numel,
                            static_cast<std::int64_t>(bucket.parameters.size()))
                    .to(at::kCPU, at::kDouble);
            const double* count = counts.data_ptr<double>();
            for (std::size_t k = 0; k < bucket.parameters.size(); ++k) {
                at::Tensor& param = s.parameters[bucket.parameters[k]];
                if (count[k] == 0.0) {
                    continue;  // no rank produced a gradient: leave it undefined everywhere
                }
                const at::Tensor average =
                    gradients.narrow(0, bucket.offsets[k], param.numel()).view(param.sizes());
                if (param.grad().defined()) {
                    param.mutable_grad().copy_(average);
                } else {
                    param.mutable_grad() = average.clone();
                }
            }
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.reset();
        throw;
    }
    std::lock_guard<std::mutex> lock(s.mutex);
    s.reset();
}

std::size_t GradientSynchronizer::bucketCount() const {
    return state_->buckets.size();
}

std::size_t GradientSynchronizer::bucketsStartedDuringBackward() const {
    return state_->last_started_from_hooks;
}

}  // namespace actbert::train
