#include "core/features/extraction_settings.h"

#include "core/common/error.h"
#include "core/features/content_hash.h"

namespace actbert::features {

const char* toString(RegionSource source) {
    switch (source) {
        case RegionSource::Detector:
            return "detector";
        case RegionSource::Grid:
            return "grid";
        case RegionSource::LearnedRegions:
            return "learned";
    }
    return "?";
}

void ExtractionSettings::validate() const {
    if (clip_frames < 1 || clip_frames > 512) {
        throw Error("extraction settings: clip_frames must be in [1, 512]");
    }
    if (!(clip_fps > 0 && clip_fps <= 240)) {
        throw Error("extraction settings: clip_fps must be in (0, 240]");
    }
    if (crop_size < 8 || crop_size > 1024) {
        throw Error("extraction settings: crop_size must be in [8, 1024]");
    }
    if (!(region_fps > 0 && region_fps <= 60)) {
        throw Error("extraction settings: region_fps must be in (0, 60]");
    }
    if (max_regions < 1 || max_regions > 100) {
        throw Error("extraction settings: max_regions must be in [1, 100]");
    }
}

nlohmann::json ExtractionSettings::toJson() const {
    return nlohmann::json{{"clip_frames", clip_frames},
                          {"clip_fps", clip_fps},
                          {"crop_size", crop_size},
                          {"region_fps", region_fps},
                          {"region_source", toString(region_source)},
                          {"max_regions", max_regions},
                          {"action_backbone", action_backbone},
                          {"region_network", region_network},
                          {"region_detector", region_detector}};
}

ExtractionSettings ExtractionSettings::fromJson(const nlohmann::json& json) {
    ExtractionSettings s;
    try {
        s.clip_frames = json.at("clip_frames").get<int>();
        s.clip_fps = json.at("clip_fps").get<double>();
        s.crop_size = json.at("crop_size").get<int>();
        s.region_fps = json.at("region_fps").get<double>();
        const auto source = json.at("region_source").get<std::string>();
        if (source == "detector") {
            s.region_source = RegionSource::Detector;
        } else if (source == "grid") {
            s.region_source = RegionSource::Grid;
        } else if (source == "learned") {
            s.region_source = RegionSource::LearnedRegions;
        } else {
            throw Error("extraction settings: unknown region_source '" + source + "'");
        }
        s.max_regions = json.at("max_regions").get<int>();
        s.action_backbone = json.value("action_backbone", std::string());
        s.region_network = json.value("region_network", std::string());
        s.region_detector = json.value("region_detector", std::string());
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("extraction settings: ") + error.what());
    }
    s.validate();
    return s;
}

std::string ExtractionSettings::hash() const {
    // nlohmann::json objects are key-sorted, so dump() is canonical.
    return hashText(toJson().dump());
}

}  // namespace actbert::features
