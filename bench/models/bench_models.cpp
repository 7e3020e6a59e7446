// Benchmark of the base ActBERT model: forward and forward+backward time for one pretraining
// batch (8 samples, 36 tokens, 10 actions, 50 regions), the FLOPs of that step counted from the
// config, and the achieved FLOP/s as a ratio of torch::mm throughput measured in the same run.
// On a CUDA device it also reports bf16 autocast throughput in tokens per second.

#include <sys/resource.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"
#include "models/actbert/pretraining_losses.h"

namespace {

using actbert::models::ActBertConfig;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kBatch = 8;
constexpr std::int64_t kTokens = 36;
constexpr std::int64_t kActions = 10;
constexpr std::int64_t kRegions = 50;

double linearFlops(double rows, double in, double out) {
    return 2.0 * rows * in * out;
}

// Multiply-adds of attention itself: scores and weighted sum.
double attentionFlops(double batch, double queries, double keys, double width) {
    return 2.0 * 2.0 * batch * queries * keys * width;
}

double bertLayerFlops(double batch, double length, const actbert::models::StreamConfig& s) {
    const double rows = batch * length;
    return 4 * linearFlops(rows, s.hidden_size, s.hidden_size) +
           linearFlops(rows, s.hidden_size, s.intermediate_size) +
           linearFlops(rows, s.intermediate_size, s.hidden_size) +
           attentionFlops(batch, length, length, s.hidden_size);
}

// Forward FLOPs of the network and heads, counted from the config (matrix products only).
double forwardFlops(const ActBertConfig& c, double batch, double tokens, double actions,
                    double regions) {
    const double lt = tokens;
    const double la = actions;
    const double lr = regions + 1;  // + global region token
    const double bi = c.tangle_hidden_size;
    const bool stacked = c.tangle == actbert::models::TangleVariant::stacked;
    double flops = linearFlops(batch * lr, c.region_feature_size + 5, c.region.hidden_size) +
                   linearFlops(batch * la, c.action_feature_size, c.action.hidden_size);
    flops += c.text.num_layers * bertLayerFlops(batch, lt, c.text);
    flops += c.region.num_layers * bertLayerFlops(batch, lr, c.region);
    flops += c.action.num_layers * bertLayerFlops(batch, la, c.action);
    double tangle = 3 * linearFlops(batch * lt, c.text.hidden_size, bi) +
                    3 * linearFlops(batch * lr, c.region.hidden_size, bi) +
                    3 * linearFlops(batch * la, c.action.hidden_size, bi) +
                    (stacked ? 2 * linearFlops(batch * la, c.action.hidden_size, bi) : 0) +
                    4 * linearFlops(batch * la, bi, bi) +  // cue keys/values
                    attentionFlops(batch, la, lt, bi) + attentionFlops(batch, la, lr, bi);
    const double extra = stacked ? la : 0;  // appended cue rows
    tangle += attentionFlops(batch, lt, lt + extra, bi) +
              attentionFlops(batch, lr, lr + extra, bi) + attentionFlops(batch, la, la + extra, bi);
    tangle += linearFlops(batch * lt, bi, c.text.hidden_size) +
              linearFlops(batch * lr, bi, c.region.hidden_size) +
              linearFlops(batch * la, bi, c.action.hidden_size);
    tangle += 2 * linearFlops(batch * lt, c.text.hidden_size, c.text.intermediate_size) +
              2 * linearFlops(batch * lr, c.region.hidden_size, c.region.intermediate_size) +
              2 * linearFlops(batch * la, c.action.hidden_size, c.action.intermediate_size);
    flops += c.tangledLayerCount() * tangle;
    // Heads: MLM transform + tied decoder, region and action heads, poolers.
    flops += linearFlops(batch * lt, c.text.hidden_size, c.text.hidden_size) +
             linearFlops(batch * lt, c.text.hidden_size, c.vocab_size);
    flops += linearFlops(batch * lr, c.region.hidden_size, c.region.hidden_size) +
             linearFlops(batch * lr, c.region.hidden_size, c.object_classes);
    flops += linearFlops(batch * la, c.action.hidden_size, c.action.hidden_size) +
             linearFlops(batch * la, c.action.hidden_size, c.action_classes);
    return flops;
}

double seconds(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double peakRssGib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss is in KiB
}

void synchronize(const torch::Device& device) {
    if (device.is_cuda()) {
        torch::cuda::synchronize();
    }
}

// FLOP/s of torch::mm on products shaped like the model's largest ones.
double matmulFlopsPerSecond(const torch::Device& device, torch::ScalarType dtype) {
    const std::int64_t m = kBatch * kTokens * 4;
    const std::int64_t k = 1024;
    const std::int64_t n = 3072;
    const auto a = torch::randn({m, k}, torch::TensorOptions().device(device).dtype(dtype));
    const auto b = torch::randn({k, n}, torch::TensorOptions().device(device).dtype(dtype));
    torch::mm(a, b);
    synchronize(device);
    const int repeats = device.is_cuda() ? 200 : 10;
    const auto start = Clock::now();
    for (int i = 0; i < repeats; ++i) {
        torch::mm(a, b);
    }
    synchronize(device);
    return repeats * 2.0 * m * k * n / seconds(start);
}

actbert::models::ActBertInputs batchInputs(const ActBertConfig& config,
                                           const torch::Device& device) {
    actbert::models::ActBertInputs inputs;
    const auto options = torch::TensorOptions().device(device);
    inputs.text_ids =
        torch::randint(1000, config.vocab_size, {kBatch, kTokens}, options.dtype(torch::kLong));
    inputs.action_features = torch::randn({kBatch, kActions, config.action_feature_size}, options);
    inputs.region_features = torch::randn({kBatch, kRegions, config.region_feature_size}, options);
    inputs.region_boxes = torch::rand({kBatch, kRegions, 5}, options);
    return inputs;
}

actbert::models::PretrainingTargets batchTargets(const ActBertConfig& config,
                                                 const torch::Device& device) {
    const auto options = torch::TensorOptions().device(device);
    actbert::models::PretrainingTargets targets;
    targets.text_labels =
        torch::randint(config.vocab_size, {kBatch, kTokens}, options.dtype(torch::kLong));
    targets.action_labels =
        torch::randint(config.action_classes, {kBatch, kActions}, options.dtype(torch::kLong));
    targets.region_targets =
        torch::softmax(torch::randn({kBatch, kRegions, config.object_classes}, options), -1);
    targets.region_masked = torch::ones({kBatch, kRegions}, options);
    targets.matched = torch::randint(2, {kBatch}, options.dtype(torch::kLong));
    return targets;
}

void runOn(const torch::Device& device, actbert::models::Precision precision, int repeats) {
    const ActBertConfig config;
    torch::manual_seed(0);
    actbert::models::ActBertPretraining model(config);
    model->to(device);
    model->eval();  // no dropout: timing of the arithmetic only
    const auto inputs = batchInputs(config, device);
    const auto targets = batchTargets(config, device);
    actbert::models::ForwardOptions options;
    options.precision = precision;
    const double flops = forwardFlops(config, kBatch, kTokens, kActions, kRegions);
    const auto mm_dtype =
        precision == actbert::models::Precision::bfloat16 ? torch::kBFloat16 : torch::kFloat32;
    const double mm_rate = matmulFlopsPerSecond(device, mm_dtype);

    double forward_s = 0;
    {
        torch::NoGradGuard no_grad;
        model->forward(inputs, options);  // warm-up
        synchronize(device);
        const auto start = Clock::now();
        for (int i = 0; i < repeats; ++i) {
            model->forward(inputs, options);
        }
        synchronize(device);
        forward_s = seconds(start) / repeats;
    }
    const double peak_forward_gib = peakRssGib();
    auto step = [&] {
        model->zero_grad();
        const auto scores = model->forward(inputs, options).scores;
        actbert::models::pretrainingLosses(scores, targets).total.backward();
    };
    step();  // warm-up
    synchronize(device);
    const auto start = Clock::now();
    for (int i = 0; i < repeats; ++i) {
        step();
    }
    synchronize(device);
    const double step_s = seconds(start) / repeats;
    // Backward costs about twice the forward's products.
    const double step_flops = 3 * flops;
    const char* precision_name =
        precision == actbert::models::Precision::bfloat16 ? "bf16 autocast" : "float32";
    std::printf(
        "device %s, %s, %d threads, batch %lld x (%lld tokens, %lld actions, %lld regions)\n",
        device.str().c_str(), precision_name, torch::get_num_threads(),
        static_cast<long long>(kBatch), static_cast<long long>(kTokens),
        static_cast<long long>(kActions), static_cast<long long>(kRegions));
    std::printf("  FLOPs per forward (from config): %.1f GFLOP; per training step: %.1f GFLOP\n",
                flops / 1e9, step_flops / 1e9);
    std::printf("  torch::mm throughput:            %.1f GFLOP/s\n", mm_rate / 1e9);
    std::printf("  forward:         %8.1f ms  %7.1f GFLOP/s  = %.2f x torch::mm\n", forward_s * 1e3,
                flops / forward_s / 1e9, flops / forward_s / mm_rate);
    std::printf("  forward+backward:%8.1f ms  %7.1f GFLOP/s  = %.2f x torch::mm\n", step_s * 1e3,
                step_flops / step_s / 1e9, step_flops / step_s / mm_rate);
    std::printf("  text tokens per second (forward): %.0f\n", kBatch * kTokens / forward_s);
    if (device.is_cuda()) {
        std::printf("  peak CUDA memory: not measured (no allocator statistics API used)\n");
    } else {
        std::printf("  peak resident memory: %.2f GiB after forward, %.2f GiB after training\n",
                    peak_forward_gib, peakRssGib());
    }
}

}  // namespace

int main() {
    if (torch::get_num_threads() > 2) {
        torch::set_num_threads(2);  // this machine is shared: at most two cores
    }
    runOn(torch::kCPU, actbert::models::Precision::float32, /*repeats=*/3);
    if (torch::cuda::is_available()) {
        const torch::Device gpu(torch::kCUDA, 0);
        runOn(gpu, actbert::models::Precision::float32, /*repeats=*/20);
        runOn(gpu, actbert::models::Precision::bfloat16, /*repeats=*/20);
    } else {
        std::printf("no CUDA device in this build/machine: GPU numbers not measured\n");
    }
    return 0;
}
