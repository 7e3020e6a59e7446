#pragma once
// Our ActBERT checkpoints: a safetensors file holding every parameter of ActBertPretraining
// (names "actbert.*", "heads.*", float32) with the config as JSON in the header metadata under
// "actbert_config", so a checkpoint alone rebuilds the network.
// Threading: free functions; a module must not be used by another thread while it is saved or
// loaded into.

#include <torch/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"

namespace actbert::models::io {

inline constexpr const char* kConfigMetadataKey = "actbert_config";
inline constexpr const char* kFormatMetadataKey = "format";
inline constexpr const char* kFormatName = "actbert-checkpoint-v1";

// Writes atomically; `extra_metadata` adds provenance (e.g. "imported_from").
void saveCheckpoint(const std::string& path, ActBertPretraining& model,
                    const std::map<std::string, std::string>& extra_metadata = {});

struct LoadedCheckpoint {
    ActBertConfig config;
    ActBertPretraining model{nullptr};  // in eval mode, on the requested device
    std::map<std::string, std::string> metadata;
};

// Rebuilds the network from the stored config and loads every parameter; a missing, extra or
// wrongly shaped tensor is an error naming the file and the tensor.
LoadedCheckpoint loadCheckpoint(const std::string& path,
                                torch::Device device = torch::Device(torch::kCPU));

// The config stored in a checkpoint, reading only its header.
ActBertConfig readCheckpointConfig(const std::string& path);

// Copies `tensors` into the module's parameters by name. Every parameter must be present with
// the same shape and nothing else may be there; `origin` names the source in errors.
void loadParameters(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& tensors,
                    const std::string& origin);

// Parameter counts per part ("text embeddings", "text layers", ..., "heads") in module order.
std::vector<std::pair<std::string, std::int64_t>> parameterCounts(ActBertPretraining& model);

}  // namespace actbert::models::io
