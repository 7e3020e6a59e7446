#include "models/backbones/backbone_checkpoint.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "models/io/safetensors.h"

namespace actbert::models::backbones {
namespace {

constexpr const char* kFormat = "actbert-backbone-1";

std::map<std::string, torch::Tensor> stateOf(const torch::nn::Module& module) {
    std::map<std::string, torch::Tensor> state;
    for (const auto& p : module.named_parameters()) {
        state.emplace(p.key(), p.value().detach());
    }
    for (const auto& b : module.named_buffers()) {
        state.emplace(b.key(), b.value().detach());
    }
    return state;
}

void save(const std::string& path, const torch::nn::Module& module, const std::string& kind,
          const nlohmann::json& config, const std::map<std::string, std::string>& extra) {
    auto metadata = extra;
    metadata["format"] = kFormat;
    metadata["kind"] = kind;
    metadata["config"] = config.dump();
    io::saveSafetensors(path, stateOf(module), metadata);
}

// Reads the file, checks its kind, returns the config JSON and the contents.
std::pair<nlohmann::json, io::SafetensorsContents> open(const std::string& path,
                                                        const std::string& kind) {
    auto contents = io::loadSafetensors(path);
    const auto& meta = contents.metadata;
    const auto format = meta.find("format");
    const auto found_kind = meta.find("kind");
    if (format == meta.end() || format->second != kFormat || found_kind == meta.end()) {
        throw std::runtime_error(path +
                                 ": not an ActBERT backbone checkpoint (metadata "
                                 "'format' is not " +
                                 std::string(kFormat) + ")");
    }
    if (found_kind->second != kind) {
        throw std::runtime_error(path + ": holds a " + found_kind->second +
                                 " backbone, expected a " + kind + " backbone");
    }
    const auto config = meta.find("config");
    if (config == meta.end()) {
        throw std::runtime_error(path + ": backbone checkpoint has no 'config' metadata");
    }
    try {
        return {nlohmann::json::parse(config->second), std::move(contents)};
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path +
                                 ": backbone 'config' metadata is not JSON: " + error.what());
    }
}

void fill(const std::string& path, torch::nn::Module& module,
          const io::SafetensorsContents& contents) {
    torch::NoGradGuard no_grad;
    auto state = stateOf(module);
    for (auto& [name, target] : state) {
        const auto it = contents.tensors.find(name);
        if (it == contents.tensors.end()) {
            throw std::runtime_error(path + ": tensor '" + name + "' is missing");
        }
        if (it->second.sizes() != target.sizes()) {
            throw std::runtime_error(path + ": tensor '" + name + "' has the wrong shape");
        }
        target.copy_(it->second.to(target.scalar_type()));
    }
    if (contents.tensors.size() != state.size()) {
        throw std::runtime_error(path + ": the checkpoint has tensors this architecture lacks");
    }
}

}  // namespace

void saveActionBackbone(const std::string& path, R3d& model,
                        const std::map<std::string, std::string>& extra) {
    save(path, *model, "action", model->config().toJson(), extra);
}

void saveRegionNetwork(const std::string& path, RegionFeatureNet& model,
                       const std::map<std::string, std::string>& extra) {
    save(path, *model, "region", model->config().toJson(), extra);
}

R3d withClassifier(R3d& source, int64_t classes) {
    auto config = source->config();
    config.num_classes = classes;
    R3d target(config);
    torch::NoGradGuard no_grad;
    const auto from = stateOf(*source);
    for (auto& [name, tensor] : stateOf(*target)) {
        if (name.rfind("classifier.", 0) == 0) {
            continue;
        }
        tensor.copy_(from.at(name));
    }
    return target;
}

LoadedActionBackbone loadActionBackbone(const std::string& path) {
    auto [config, contents] = open(path, "action");
    LoadedActionBackbone loaded;
    try {
        loaded.model = R3d(R3dConfig::fromJson(config));
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
    fill(path, *loaded.model, contents);
    loaded.metadata = std::move(contents.metadata);
    return loaded;
}

LoadedRegionNetwork loadRegionNetwork(const std::string& path) {
    auto [config, contents] = open(path, "region");
    LoadedRegionNetwork loaded;
    try {
        loaded.model = RegionFeatureNet(RegionNetConfig::fromJson(config));
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
    fill(path, *loaded.model, contents);
    loaded.metadata = std::move(contents.metadata);
    return loaded;
}

}  // namespace actbert::models::backbones
