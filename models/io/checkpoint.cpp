#include "models/io/checkpoint.h"

#include <torch/torch.h>

#include <algorithm>
#include <stdexcept>

#include "models/io/safetensors.h"

namespace actbert::models::io {
namespace {

ActBertConfig configFromMetadata(const std::string& path,
                                 const std::map<std::string, std::string>& metadata) {
    const auto found = metadata.find(kConfigMetadataKey);
    if (found == metadata.end()) {
        throw std::runtime_error(path +
                                 ": not an ActBERT checkpoint (no \"actbert_config\" in the "
                                 "header metadata)");
    }
    try {
        return ActBertConfig::fromJsonString(found->second);
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
}

}  // namespace

void saveCheckpoint(const std::string& path, ActBertPretraining& model,
                    const std::map<std::string, std::string>& extra_metadata) {
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& item : model->named_parameters(/*recurse=*/true)) {
        tensors.emplace(item.key(), item.value().detach().to(torch::kCPU, torch::kFloat32));
    }
    auto metadata = extra_metadata;
    metadata[kConfigMetadataKey] = model->config().toJsonString();
    metadata[kFormatMetadataKey] = kFormatName;
    saveSafetensors(path, tensors, metadata);
}

void loadParameters(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& tensors,
                    const std::string& origin) {
    torch::NoGradGuard no_grad;
    auto parameters = module.named_parameters(/*recurse=*/true);
    for (const auto& [name, tensor] : tensors) {
        if (parameters.find(name) == nullptr) {
            throw std::runtime_error(origin + ": tensor '" + name +
                                     "' has no place in this network (config mismatch?)");
        }
    }
    for (auto& item : parameters) {
        const auto found = tensors.find(item.key());
        if (found == tensors.end()) {
            throw std::runtime_error(origin + ": tensor '" + item.key() + "' is missing");
        }
        if (found->second.sizes() != item.value().sizes()) {
            throw std::runtime_error(origin + ": tensor '" + item.key() + "' has shape " +
                                     c10::str(found->second.sizes()) + " but the network needs " +
                                     c10::str(item.value().sizes()));
        }
        item.value().copy_(found->second.to(item.value().options()));
    }
}

LoadedCheckpoint loadCheckpoint(const std::string& path, torch::Device device) {
    auto contents = loadSafetensors(path);
    LoadedCheckpoint loaded;
    loaded.config = configFromMetadata(path, contents.metadata);
    loaded.metadata = contents.metadata;
    loaded.model = ActBertPretraining(loaded.config);
    loadParameters(*loaded.model, contents.tensors, path);
    loaded.model->to(device);
    loaded.model->eval();
    return loaded;
}

ActBertConfig readCheckpointConfig(const std::string& path) {
    return configFromMetadata(path, inspectSafetensors(path).metadata);
}

std::vector<std::pair<std::string, std::int64_t>> parameterCounts(ActBertPretraining& model) {
    const std::vector<std::pair<std::string, std::string>> parts{
        {"actbert.text_embeddings.", "text embeddings"},
        {"actbert.region_embeddings.", "region embeddings"},
        {"actbert.action_embeddings.", "action embeddings"},
        {"actbert.text_layers.", "text layers"},
        {"actbert.region_layers.", "region layers"},
        {"actbert.action_layers.", "action layers"},
        {"actbert.tangled_layers.", "tangled layers"},
        {"actbert.text_pooler.", "poolers"},
        {"actbert.region_pooler.", "poolers"},
        {"actbert.action_pooler.", "poolers"},
        {"heads.", "pretraining heads"},
    };
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (const auto& item : model->named_parameters(/*recurse=*/true)) {
        std::string part = "other";
        for (const auto& [prefix, label] : parts) {
            if (item.key().rfind(prefix, 0) == 0) {
                part = label;
                break;
            }
        }
        auto slot = std::find_if(counts.begin(), counts.end(),
                                 [&](const auto& entry) { return entry.first == part; });
        if (slot == counts.end()) {
            counts.emplace_back(part, 0);
            slot = counts.end() - 1;
        }
        slot->second += item.value().numel();
    }
    return counts;
}

}  // namespace actbert::models::io
