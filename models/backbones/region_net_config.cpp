#include "models/backbones/region_net_config.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace actbert::models::backbones {
namespace {

void requireRange(const char* field, int64_t value, int64_t low, int64_t high) {
    if (value < low || value > high) {
        throw std::invalid_argument("region network config: " + std::string(field) + " = " +
                                    std::to_string(value) + " is outside [" + std::to_string(low) +
                                    ", " + std::to_string(high) + "]");
    }
}

}  // namespace

RegionNetConfig RegionNetConfig::base() {
    return RegionNetConfig{};
}

RegionNetConfig RegionNetConfig::tiny() {
    RegionNetConfig config;
    config.widths = {8, 16};
    config.roi_size = 3;
    config.feature_dim = 16;
    config.image_short_side = 64;
    config.max_long_side = 96;
    config.codebook_size = 8;
    return config;
}

void RegionNetConfig::validate() const {
    requireRange("in_channels", in_channels, 1, 16);
    if (widths.empty() || widths.size() > 6) {
        throw std::invalid_argument("region network config: 'widths' must have 1 to 6 stages");
    }
    for (const auto width : widths) {
        requireRange("widths[i]", width, 1, 8192);
    }
    requireRange("roi_size", roi_size, 1, 64);
    requireRange("sampling_ratio", sampling_ratio, 0, 16);
    requireRange("feature_dim", feature_dim, 1, 16384);
    requireRange("image_short_side", image_short_side, 16, 4096);
    requireRange("max_long_side", max_long_side, image_short_side, 8192);
    requireRange("learned_regions", learned_regions, 1, 64);
    requireRange("codebook_size", codebook_size, 1, 65536);
}

nlohmann::json RegionNetConfig::toJson() const {
    return nlohmann::json{{"in_channels", in_channels},     {"widths", widths},
                          {"roi_size", roi_size},           {"sampling_ratio", sampling_ratio},
                          {"feature_dim", feature_dim},     {"image_short_side", image_short_side},
                          {"max_long_side", max_long_side}, {"learned_regions", learned_regions},
                          {"codebook_size", codebook_size}};
}

RegionNetConfig RegionNetConfig::fromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        throw std::invalid_argument("region network config: expected a JSON object");
    }
    RegionNetConfig config;
    try {
        config.in_channels = json.value("in_channels", config.in_channels);
        config.widths = json.value("widths", config.widths);
        config.roi_size = json.value("roi_size", config.roi_size);
        config.sampling_ratio = json.value("sampling_ratio", config.sampling_ratio);
        config.feature_dim = json.value("feature_dim", config.feature_dim);
        config.image_short_side = json.value("image_short_side", config.image_short_side);
        config.max_long_side = json.value("max_long_side", config.max_long_side);
        config.learned_regions = json.value("learned_regions", config.learned_regions);
        config.codebook_size = json.value("codebook_size", config.codebook_size);
    } catch (const nlohmann::json::exception& error) {
        throw std::invalid_argument(std::string("region network config: ") + error.what());
    }
    config.validate();
    return config;
}

}  // namespace actbert::models::backbones
