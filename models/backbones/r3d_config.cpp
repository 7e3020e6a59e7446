#include "models/backbones/r3d_config.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace actbert::models::backbones {
namespace {

constexpr int64_t kBottleneckExpansion = 4;
// Generous upper bounds: a config read from a file must not ask for absurd allocations.
constexpr int64_t kMaxWidth = 8192;
constexpr int64_t kMaxBlocks = 64;
constexpr int64_t kMaxClasses = 1'000'000;

void requireRange(const char* field, int64_t value, int64_t low, int64_t high) {
    if (value < low || value > high) {
        throw std::invalid_argument("R3D config: " + std::string(field) + " = " +
                                    std::to_string(value) + " is outside [" + std::to_string(low) +
                                    ", " + std::to_string(high) + "]");
    }
}

}  // namespace

int64_t R3dConfig::stageOutputDim() const {
    const int64_t last = widths.empty() ? stem_width : widths.back();
    return block == R3dBlockKind::Bottleneck ? last * kBottleneckExpansion : last;
}

R3dConfig R3dConfig::r3d18() {
    R3dConfig config;
    config.arch = "r3d18";
    config.block = R3dBlockKind::Basic;
    config.layers = {2, 2, 2, 2};
    config.feature_dim = 512;
    return config;
}

R3dConfig R3dConfig::r3d50() {
    return R3dConfig{};
}

R3dConfig R3dConfig::tiny() {
    R3dConfig config;
    config.arch = "tiny";
    config.block = R3dBlockKind::Basic;
    config.layers = {1, 1};
    config.widths = {8, 16};
    config.stem_width = 8;
    config.feature_dim = 32;
    config.clip_frames = 8;
    config.clip_fps = 8.0;
    config.crop_size = 32;
    return config;
}

R3dConfig R3dConfig::fromArch(const std::string& arch) {
    if (arch == "r3d18") {
        return r3d18();
    }
    if (arch == "r3d50") {
        return r3d50();
    }
    if (arch == "tiny") {
        return tiny();
    }
    throw std::invalid_argument("unknown action backbone '" + arch +
                                "': expected r3d18, r3d50 or tiny");
}

void R3dConfig::validate() const {
    if (layers.empty() || layers.size() != widths.size()) {
        throw std::invalid_argument(
            "R3D config: 'layers' and 'widths' must be non-empty and of equal length");
    }
    for (std::size_t stage = 0; stage < layers.size(); ++stage) {
        requireRange("layers[i]", layers[stage], 1, kMaxBlocks);
        requireRange("widths[i]", widths[stage], 1, kMaxWidth);
    }
    requireRange("stem_width", stem_width, 1, kMaxWidth);
    requireRange("in_channels", in_channels, 1, 16);
    requireRange("feature_dim", feature_dim, 1, kMaxWidth);
    requireRange("num_classes", num_classes, 0, kMaxClasses);
    requireRange("clip_frames", clip_frames, 1, 1024);
    requireRange("crop_size", crop_size, 8, 4096);
    if (!(clip_fps > 0.0 && clip_fps <= 1000.0)) {
        throw std::invalid_argument("R3D config: clip_fps must be in (0, 1000]");
    }
}

nlohmann::json R3dConfig::toJson() const {
    return nlohmann::json{{"arch", arch},
                          {"block", block == R3dBlockKind::Basic ? "basic" : "bottleneck"},
                          {"layers", layers},
                          {"widths", widths},
                          {"stem_width", stem_width},
                          {"in_channels", in_channels},
                          {"feature_dim", feature_dim},
                          {"num_classes", num_classes},
                          {"clip_frames", clip_frames},
                          {"clip_fps", clip_fps},
                          {"crop_size", crop_size}};
}

R3dConfig R3dConfig::fromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        throw std::invalid_argument("R3D config: expected a JSON object");
    }
    R3dConfig config;
    try {
        config.arch = json.value("arch", config.arch);
        const std::string block = json.value("block", std::string("bottleneck"));
        if (block == "basic") {
            config.block = R3dBlockKind::Basic;
        } else if (block == "bottleneck") {
            config.block = R3dBlockKind::Bottleneck;
        } else {
            throw std::invalid_argument("R3D config: block '" + block +
                                        "' is not 'basic' or 'bottleneck'");
        }
        config.layers = json.value("layers", config.layers);
        config.widths = json.value("widths", config.widths);
        config.stem_width = json.value("stem_width", config.stem_width);
        config.in_channels = json.value("in_channels", config.in_channels);
        config.feature_dim = json.value("feature_dim", config.feature_dim);
        config.num_classes = json.value("num_classes", config.num_classes);
        config.clip_frames = json.value("clip_frames", config.clip_frames);
        config.clip_fps = json.value("clip_fps", config.clip_fps);
        config.crop_size = json.value("crop_size", config.crop_size);
    } catch (const nlohmann::json::exception& error) {
        throw std::invalid_argument(std::string("R3D config: ") + error.what());
    }
    config.validate();
    return config;
}

}  // namespace actbert::models::backbones
