#include "core/train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>
#include <torch/serialize/archive.h>
#include <torch/utils.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

#include "core/common/atomic_file.h"
#include "core/train/autocast_guard.h"
#include "core/train/checkpoint_folder.h"
#include "core/train/distributed/distributed_group.h"
#include "core/train/distributed/gradient_synchronizer.h"
#include "core/train/learning_rate_schedule.h"
#include "models/io/safetensors.h"

namespace actbert::train {

namespace fs = std::filesystem;

namespace {

struct ParameterGroups {
    std::vector<torch::optim::OptimizerParamGroup> groups;
    std::vector<double> peak_lr;  // per group
};

ParameterGroups makeGroups(TrainingObjective& objective, const TrainingSettings& settings) {
    // Keys: (text, decay) so the group order is fixed whatever the module order.
    std::map<std::pair<bool, bool>, std::vector<torch::Tensor>> split;
    for (const auto& item : objective.module().named_parameters()) {
        if (!item.value().requires_grad())
            continue;
        const bool text = settings.text_learning_rate > 0 && objective.isTextParameter(item.key());
        const bool decay = item.value().dim() > 1;  // biases and LayerNorm weights: no decay
        split[{text, decay}].push_back(item.value());
    }
    ParameterGroups result;
    for (auto& [key, params] : split) {
        const double lr = key.first ? settings.text_learning_rate : settings.learning_rate;
        auto options = std::make_unique<torch::optim::AdamWOptions>(lr);
        options->weight_decay(key.second ? settings.weight_decay : 0.0);
        result.groups.emplace_back(std::move(params), std::move(options));
        result.peak_lr.push_back(lr);
    }
    return result;
}

nlohmann::json runConfig(TrainingObjective& objective, const TrainingSettings& settings,
                         std::int64_t step) {
    return {{"model", nlohmann::json::parse(objective.modelConfigJson())},
            {"training", settings.toJson()},
            {"step", step}};
}

torch::Tensor stringTensor(const std::string& text) {
    auto tensor = torch::empty({static_cast<std::int64_t>(text.size())}, torch::kUInt8);
    if (!text.empty())
        std::memcpy(tensor.data_ptr(), text.data(), text.size());
    return tensor;
}

std::string tensorString(const torch::Tensor& tensor) {
    const auto bytes = tensor.contiguous();
    return std::string(static_cast<const char*>(bytes.data_ptr()),
                       static_cast<size_t>(bytes.numel()));
}

torch::Tensor cpuRngState() {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setCpuRngState(const torch::Tensor& state) {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

void saveModelTensors(torch::nn::Module& module, const fs::path& file) {
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& item : module.named_parameters())
        tensors[item.key()] = item.value().detach().to(torch::kCPU, torch::kFloat).contiguous();
    for (const auto& item : module.named_buffers())
        tensors[item.key()] = item.value().detach().to(torch::kCPU).contiguous();
    models::io::saveSafetensors(file.string(), tensors);
}

void loadModelTensors(torch::nn::Module& module, const fs::path& file) {
    const auto contents = models::io::loadSafetensors(file.string());
    torch::NoGradGuard no_grad;
    auto copy = [&](const std::string& name, torch::Tensor& target) {
        const auto found = contents.tensors.find(name);
        if (found == contents.tensors.end())
            throw TrainingError(file.string() + ": tensor \"" + name + "\" is missing");
        if (found->second.sizes() != target.sizes())
            throw TrainingError(file.string() + ": tensor \"" + name + "\" has the wrong shape");
        target.copy_(found->second);
    };
    for (auto& item : module.named_parameters())
        copy(item.key(), item.value());
    for (auto& item : module.named_buffers())
        copy(item.key(), item.value());
}

// Keeps the lines whose "step" is at most `last_step` (a killed run may have written more).
void truncateMetrics(const fs::path& file, std::int64_t last_step) {
    if (!fs::exists(file))
        return;
    std::ifstream in(file);
    std::string line, kept;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        // A half-written last line (killed mid-write) is dropped like a later step.
        if (json.is_discarded() || !json.contains("step"))
            continue;
        if (json["step"].get<std::int64_t>() <= last_step)
            kept += line + "\n";
    }
    writeFileAtomically(file, kept);
}

}  // namespace

Trainer::Trainer(TrainingObjective& objective, TrainingSettings settings, fs::path out, bool resume)
    : objective_(objective), settings_(std::move(settings)), out_(std::move(out)), resume_(resume) {
    settings_.validate();
}

TrainingResult Trainer::run(const TrainingEvents& events) {
    const bool distributed = group_ && group_->worldSize() > 1;
    const bool rank_zero = !group_ || group_->isRankZero();
    auto emit = [&](const nlohmann::json& event) {
        if (rank_zero && events.on_event)
            events.on_event(event);
    };
    TrainingResult result;
    const torch::Device device(settings_.device);
    auto& module = objective_.module();
    module.to(device);
    module.train();
    fs::create_directories(out_);
    const auto metrics_path = out_ / "metrics.jsonl";

    auto groups = makeGroups(objective_, settings_);
    torch::optim::AdamW optimizer(groups.groups);

    std::int64_t step = 0;
    if (resume_) {
        if (const auto folder = newestCheckpoint(out_)) {
            std::ifstream config_in(*folder / kConfigFile);
            const auto stored = nlohmann::json::parse(config_in, nullptr, false);
            if (stored.is_discarded() || !stored.contains("model"))
                throw TrainingError((*folder / kConfigFile).string() + ": not a run's config");
            const auto wanted = nlohmann::json::parse(objective_.modelConfigJson());
            if (stored["model"] != wanted)
                throw TrainingError("cannot resume from " + folder->string() +
                                    ": it was trained with different model settings (" +
                                    stored["model"].dump() + ", now " + wanted.dump() + ")");
            loadModelTensors(module, *folder / kModelFile);
            torch::serialize::InputArchive archive;
            archive.load_from((*folder / kTrainingStateFile).string(), device);
            optimizer.load(archive);
            // Each read needs its own undefined tensor (reading into a defined one resizes it).
            torch::Tensor stored_step, cpu_rng, cuda_rng, loader;
            archive.read("step", stored_step);
            step = stored_step.item<std::int64_t>();
            archive.read("cpu_rng", cpu_rng);
            setCpuRngState(cpu_rng);
            if (device.is_cuda() && archive.try_read("cuda_rng", cuda_rng)) {
                auto generator = at::globalContext().defaultGenerator(device);
                std::lock_guard<std::mutex> lock(generator.mutex());
                generator.set_state(cuda_rng.cpu());
            }
            archive.read("loader", loader);
            objective_.restoreLoaderState(tensorString(loader.cpu()));
            if (rank_zero)
                truncateMetrics(metrics_path, step);
            result.resumed_from = step;
            emit({{"event", "resumed"}, {"path", folder->string()}, {"step", step}});
        }
    }
    if (result.resumed_from < 0) {
        // A fresh start owns the folder: earlier metrics belong to another run.
        if (rank_zero)
            fs::remove(metrics_path);
        // Ranks differ in dropout as in DDP; rank 0 follows the single-process stream.
        torch::manual_seed(settings_.seed +
                           static_cast<std::uint64_t>(group_ ? group_->rank() : 0));
    }
    std::unique_ptr<GradientSynchronizer> synchronizer;
    if (distributed) {
        std::vector<torch::Tensor> state;
        for (const auto& p : module.parameters())
            state.push_back(p);
        for (const auto& b : module.buffers())
            state.push_back(b);
        group_->broadcastFromRankZero(state);
        synchronizer = std::make_unique<GradientSynchronizer>(group_, module.parameters());
    }

    auto writeCheckpoint = [&](const fs::path& target) {
        if (!rank_zero)
            return;
        const auto partial = partialPath(target);
        fs::remove_all(partial);
        fs::create_directories(partial);
        writeFileAtomically(partial / kConfigFile, runConfig(objective_, settings_, step).dump(2));
        saveModelTensors(module, partial / kModelFile);
        torch::serialize::OutputArchive archive;
        optimizer.save(archive);
        archive.write("step", torch::tensor(step, torch::kLong));
        archive.write("cpu_rng", cpuRngState());
        if (device.is_cuda()) {
            auto generator = at::globalContext().defaultGenerator(device);
            std::lock_guard<std::mutex> lock(generator.mutex());
            archive.write("cuda_rng", generator.get_state());
        }
        archive.write("loader", stringTensor(objective_.loaderState()));
        archive.save_to((partial / kTrainingStateFile).string());
        commitFolder(partial, target);
        emit({{"event", "checkpoint"}, {"path", target.string()}, {"step", step}});
    };

    std::ofstream metrics;
    if (rank_zero)
        metrics.open(metrics_path, std::ios::app);
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t first_step = step;
    const bool autocast = device.is_cuda() && settings_.bf16_on_cuda;

    while (step < settings_.steps) {
        bool cancel = events.cancelled && events.cancelled();
        if (distributed)  // every rank stops at the same step when any is asked to
            cancel = group_->allreduceSum({cancel ? 1.0 : 0.0})[0] > 0;
        if (cancel) {
            writeCheckpoint(checkpointPath(out_, step));
            if (rank_zero)
                pruneCheckpoints(out_, settings_.keep_checkpoints);
            result.cancelled = true;
            result.steps_done = step;
            emit({{"event", "cancelled"}, {"step", step}});
            return result;
        }
        const auto step_started = std::chrono::steady_clock::now();
        const double factor = learningRateFactor(settings_, step);
        auto& param_groups = optimizer.param_groups();
        for (size_t g = 0; g < param_groups.size(); ++g)
            static_cast<torch::optim::AdamWOptions&>(param_groups[g].options())
                .lr(groups.peak_lr[g] * factor);

        optimizer.zero_grad();
        double loss_sum = 0;
        std::map<std::string, double> values;
        std::int64_t samples = 0, tokens = 0;
        for (std::int64_t i = 0; i < settings_.accumulation_steps; ++i) {
            ObjectiveStep micro;
            {
                AutocastGuard guard(autocast);
                micro = objective_.compute(step * settings_.accumulation_steps + i);
            }
            const double loss_value = micro.loss.item<double>();
            bool finite = std::isfinite(loss_value);
            if (distributed)  // all ranks stop together, none waits on a stopped one
                finite = group_->allreduceSum({finite ? 0.0 : 1.0})[0] == 0;
            if (!finite) {
                const auto kept = newestCheckpoint(out_);
                const std::string message =
                    "the loss became " + std::string(std::isnan(loss_value) ? "NaN" : "infinite") +
                    " at step " + std::to_string(step + 1) + "; stopped" +
                    (kept ? ", the last good checkpoint is " + kept->string() : "");
                emit({{"event", "failed"}, {"message", message}, {"step", step + 1}});
                throw TrainingError(message);
            }
            if (synchronizer)
                synchronizer->setSyncEnabled(i + 1 == settings_.accumulation_steps);
            (micro.loss / static_cast<double>(settings_.accumulation_steps)).backward();
            loss_sum += loss_value;
            for (const auto& [name, value] : micro.values)
                values[name] += value;
            samples += micro.samples;
            tokens += micro.tokens;
        }
        if (synchronizer) {
            synchronizer->finish();
            // Logged values: the mean over ranks; samples and tokens: the sum.
            std::vector<double> local{loss_sum, static_cast<double>(samples),
                                      static_cast<double>(tokens)};
            for (const auto& [name, value] : values)
                local.push_back(value);
            const auto total = group_->allreduceSum(local);
            const double world = group_->worldSize();
            loss_sum = total[0] / world;
            samples = static_cast<std::int64_t>(total[1]);
            tokens = static_cast<std::int64_t>(total[2]);
            std::size_t k = 3;
            for (auto& [name, value] : values)
                value = total[k++] / world;
        }
        std::vector<torch::Tensor> parameters;
        for (auto& group : optimizer.param_groups())
            for (auto& p : group.params())
                parameters.push_back(p);
        double grad_norm = 0;
        if (settings_.max_grad_norm > 0) {
            grad_norm = torch::nn::utils::clip_grad_norm_(parameters, settings_.max_grad_norm);
        } else {
            double squares = 0;
            for (const auto& p : parameters)
                if (p.grad().defined())
                    squares += p.grad().pow(2).sum().item<double>();
            grad_norm = std::sqrt(squares);
        }
        optimizer.step();
        ++step;

        const auto now = std::chrono::steady_clock::now();
        const double step_seconds = std::chrono::duration<double>(now - step_started).count();
        const double run_seconds = std::chrono::duration<double>(now - started).count();
        const double per_step = run_seconds / static_cast<double>(step - first_step);
        const auto accumulation = static_cast<double>(settings_.accumulation_steps);
        nlohmann::json line{{"step", step}, {"loss", loss_sum / accumulation}};
        for (const auto& [name, value] : values)
            line[name] = value / accumulation;
        line["lr"] = settings_.learning_rate * factor;
        line["grad_norm"] = grad_norm;
        line["samples_per_s"] = step_seconds > 0 ? samples / step_seconds : 0.0;
        line["tokens_per_s"] = step_seconds > 0 ? tokens / step_seconds : 0.0;
        line["eta_s"] = per_step * static_cast<double>(settings_.steps - step);
        if (!rank_zero)
            continue;
        metrics << line.dump() << '\n';
        metrics.flush();
        if (events.on_step)
            events.on_step(line);

        if (settings_.checkpoint_every > 0 && step % settings_.checkpoint_every == 0 &&
            step < settings_.steps) {
            writeCheckpoint(checkpointPath(out_, step));
            pruneCheckpoints(out_, settings_.keep_checkpoints);
        }
    }
    writeCheckpoint(checkpointPath(out_, step));
    if (rank_zero)
        pruneCheckpoints(out_, settings_.keep_checkpoints);
    result.final_folder = out_ / "final";
    writeCheckpoint(result.final_folder);
    if (distributed)  // the others return once rank 0's final folder is complete
        group_->barrier();
    result.steps_done = step;
    emit({{"event", "finished"}, {"step", step}, {"path", result.final_folder.string()}});
    return result;
}

}  // namespace actbert::train
