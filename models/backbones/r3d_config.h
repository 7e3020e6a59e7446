#pragma once
// Configuration of the 3D ResNet (R3D) that turns a video clip into one action feature.
// Plain value type; readable and writable as JSON so checkpoints carry their architecture.
// Threading: plain data, no shared state.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace actbert::models::backbones {

enum class R3dBlockKind { Basic, Bottleneck };

struct R3dConfig {
    std::string arch = "r3d50";
    R3dBlockKind block = R3dBlockKind::Bottleneck;
    std::vector<int64_t> layers{3, 4, 6, 3};         // residual blocks per stage
    std::vector<int64_t> widths{64, 128, 256, 512};  // inner width per stage
    int64_t stem_width = 64;
    int64_t in_channels = 3;
    // Width of the global-average-pooled action feature. When it differs from the last
    // stage's output width a linear projection is appended.
    int64_t feature_dim = 2048;
    // Verb classes of the training head; 0 means no classifier (feature extraction only).
    int64_t num_classes = 0;
    // Clip geometry the backbone expects (the paper: 32 frames at 8 FPS, 224x224).
    int64_t clip_frames = 32;
    double clip_fps = 8.0;
    int64_t crop_size = 224;

    // Output width of the last residual stage (before the optional projection).
    int64_t stageOutputDim() const;

    static R3dConfig r3d18();  // basic blocks [2,2,2,2], 512-d feature
    static R3dConfig r3d50();  // bottleneck blocks [3,4,6,3], 2048-d feature (paper's base)
    static R3dConfig tiny();   // for tests: 2 stages of width 8/16, 8 frames of 32x32
    // "r3d18", "r3d50" or "tiny"; throws std::invalid_argument otherwise.
    static R3dConfig fromArch(const std::string& arch);

    nlohmann::json toJson() const;
    // Throws std::invalid_argument naming the field that is missing or out of range.
    static R3dConfig fromJson(const nlohmann::json& json);
    void validate() const;
};

}  // namespace actbert::models::backbones
