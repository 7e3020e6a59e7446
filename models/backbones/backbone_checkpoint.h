#pragma once
// Saving and loading backbone weights in the project's safetensors format. The metadata
// carries the architecture (config JSON) and how the weights came about, so a checkpoint is
// self-describing: loading builds the right network before filling it.
// Threading: free functions, safe from any thread for different modules.

#include <map>
#include <string>

#include "models/backbones/r3d.h"
#include "models/backbones/region_feature_net.h"

namespace actbert::models::backbones {

// Metadata keys: "format" ("actbert-backbone-1"), "kind" ("action" | "region"), "config"
// (JSON), "origin" (e.g. "random initialisation, seed 0" or "trained: ..."), plus `extra`.
void saveActionBackbone(const std::string& path, R3d& model,
                        const std::map<std::string, std::string>& extra);
void saveRegionNetwork(const std::string& path, RegionFeatureNet& model,
                       const std::map<std::string, std::string>& extra);

struct LoadedActionBackbone {
    R3d model{nullptr};
    std::map<std::string, std::string> metadata;
};
struct LoadedRegionNetwork {
    RegionFeatureNet model{nullptr};
    std::map<std::string, std::string> metadata;
};

// A copy of `source` with a fresh verb classifier of `classes` outputs (all other weights
// copied). Used to train a checkpoint on a new verb vocabulary.
R3d withClassifier(R3d& source, int64_t classes);

// Throws std::runtime_error naming the file when it is not a backbone checkpoint of that kind,
// or when a tensor is missing or has the wrong shape.
LoadedActionBackbone loadActionBackbone(const std::string& path);
LoadedRegionNetwork loadRegionNetwork(const std::string& path);

}  // namespace actbert::models::backbones
