// A worker process for test_distributed: a small model trained data-parallel for a few AdamW
// steps through DistributedGroup + GradientSynchronizer, run by the tests under the local
// launcher, by hand with torchrun's variables, or alone as the single-process reference.
//
// distributed_worker train OUT      writes OUT.rank<R> (parameters as raw float32) and
//                                   OUT.rank<R>.info ("port buckets buckets_started_in_backward")
// distributed_worker die OUT        rank 1 SIGKILLs itself after the first step
// distributed_worker stall OUT      rank 1 stops answering (sleeps) after the first step
// distributed_worker exit3 OUT      rank 1 exits with 3 at once, the others sleep (launcher test)
// DISTRIBUTED_TIMEOUT_MS sets the collective timeout (default 10000).
#include <signal.h>
#include <unistd.h>

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "core/train/distributed/distributed_group.h"
#include "core/train/distributed/gradient_synchronizer.h"

using namespace actbert::train;

namespace {

constexpr int kGlobalBatch = 8;
constexpr int kSteps = 6;

struct SmallNetImpl : torch::nn::Module {
    SmallNetImpl()
        // Registered first so they land in the last buckets (reverse order): the buckets of
        // "second" and "first" then start from the hooks during backward on every rank.
        : unused(register_module("unused", torch::nn::Linear(4, 4))),
          aux(register_module("aux", torch::nn::Linear(8, 1))),
          first(register_module("first", torch::nn::Linear(8, 16))),
          second(register_module("second", torch::nn::Linear(16, 4))) {
        register_buffer("running", torch::randn({3}));
    }
    torch::nn::Linear unused, aux, first, second;
};
TORCH_MODULE(SmallNet);

int run(const std::string& mode, const std::string& out) {
    torch::set_num_threads(1);
    const auto env = DistributedEnvironment::fromProcessEnvironment();
    DistributedOptions options;
    if (const char* t = std::getenv("DISTRIBUTED_TIMEOUT_MS")) {
        options.timeout = std::chrono::milliseconds(std::atoi(t));
    } else {
        options.timeout = std::chrono::seconds(10);
    }
    if (mode == "exit3") {
        if (env.rank == 1) {
            return 3;
        }
        std::this_thread::sleep_for(std::chrono::minutes(10));
        return 0;
    }
    auto group = DistributedGroup::create(env, options);

    // Different initial weights per rank: the broadcast from rank 0 must make them equal.
    torch::manual_seed(100 + env.rank);
    SmallNet net;
    std::vector<at::Tensor> state = net->parameters();
    for (const auto& b : net->buffers()) {
        state.push_back(b);
    }
    group->broadcastFromRankZero(state);

    // Small buckets so the test exercises several of them and their ordering.
    GradientSynchronizer sync(group, net->parameters(), 256);
    torch::optim::AdamW optimizer(net->parameters(),
                                  torch::optim::AdamWOptions(1e-2).weight_decay(0.01));
    const int local_batch = kGlobalBatch / env.world_size;
    const int begin = env.rank * local_batch;
    for (int step = 0; step < kSteps; ++step) {
        if (step == 1 && env.rank == 1 && mode == "die") {
            ::raise(SIGKILL);
        }
        if (step == 1 && env.rank == 1 && mode == "stall") {
            std::this_thread::sleep_for(std::chrono::minutes(10));
        }
        // The same global batch on every rank; each takes its shard.
        torch::manual_seed(1000 + step);
        const auto x = torch::randn({kGlobalBatch, 8});  // [batch, 8]
        const auto y = torch::randn({kGlobalBatch, 4});  // [batch, 4]
        const auto xs = x.narrow(0, begin, local_batch);
        const auto ys = y.narrow(0, begin, local_batch);
        optimizer.zero_grad();
        auto per_sample = (net->second(torch::tanh(net->first(xs))) - ys).pow(2).sum(1);  // [b]
        // The aux head only sees the first half of the global batch: with 2 ranks rank 1 has
        // no gradient for it (it joins the all-reduce as zeros); "unused" never has one.
        const int aux_count = std::max(0, std::min(local_batch, kGlobalBatch / 2 - begin));
        auto loss = per_sample.sum();
        if (aux_count > 0) {
            loss = loss + net->aux(xs.narrow(0, 0, aux_count)).pow(2).sum();
        }
        loss = loss / local_batch;
        loss.backward();
        sync.finish();
        optimizer.step();
    }
    const auto totals = group->allreduceSum({1.0});
    group->barrier();

    const std::string path = out + ".rank" + std::to_string(env.rank);
    std::ofstream file(path, std::ios::binary);
    for (const auto& p : state) {
        const auto flat = p.detach().contiguous().to(torch::kFloat);
        file.write(reinterpret_cast<const char*>(flat.data_ptr<float>()),
                   static_cast<std::streamsize>(flat.numel() * sizeof(float)));
    }
    // The unused parameter must still have no gradient (as in a single-process run).
    const bool unused_undefined = !net->unused->weight.grad().defined();
    std::ofstream info(path + ".info");
    info << env.master_port << ' ' << sync.bucketCount() << ' '
         << sync.bucketsStartedDuringBackward() << ' ' << totals[0] << ' ' << unused_undefined
         << '\n';
    return file && info ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: distributed_worker train|die|stall|exit3 OUT\n");
        return 64;
    }
    try {
        return run(argv[1], argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "distributed_worker: error: %s\n", e.what());
        return 2;
    }
}
