#include "core/features/feature_cache.h"

#include <torch/torch.h>

#include <sstream>

#include "core/common/error.h"
#include "models/io/safetensors.h"

namespace actbert::features {
namespace {

constexpr const char* kFormat = "actbert-features-1";

std::string joinLines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line;
        text += '\n';
    }
    return text;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    return lines;
}

bool processIsAlive(const std::string& pid) {
    return !pid.empty() && std::filesystem::exists("/proc/" + pid);
}

// Temporary files are named <target>.tmp-<random>-<pid>; those of dead processes are debris.
void removeStaleTemporaries(const std::filesystem::path& folder) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const auto name = entry.path().filename().string();
        const auto marker = name.find(".safetensors.tmp-");
        if (marker == std::string::npos) {
            continue;
        }
        const auto pid = name.substr(name.rfind('-') + 1);
        if (!processIsAlive(pid)) {
            std::filesystem::remove(entry.path(), error);
        }
    }
}

torch::Tensor require(const models::io::SafetensorsContents& contents, const std::string& name,
                      const std::filesystem::path& path, int dims, torch::ScalarType type) {
    const auto it = contents.tensors.find(name);
    if (it == contents.tensors.end()) {
        throw Error(path.string() + ": not a feature file: tensor '" + name + "' is missing");
    }
    if (it->second.dim() != dims || it->second.scalar_type() != type) {
        throw Error(path.string() + ": tensor '" + name + "' has the wrong shape or type");
    }
    return it->second;
}

}  // namespace

FeatureCache::FeatureCache(std::filesystem::path folder) : folder_(std::move(folder)) {
    std::error_code error;
    std::filesystem::create_directories(folder_, error);
    if (error || !std::filesystem::is_directory(folder_)) {
        throw Error(folder_.string() + ": cannot create the feature cache folder" +
                    (error ? ": " + error.message() : std::string()));
    }
    removeStaleTemporaries(folder_);
}

std::filesystem::path FeatureCache::pathFor(const std::string& video_hash,
                                            const ExtractionSettings& settings) const {
    return folder_ / (video_hash + "-" + settings.hash() + ".safetensors");
}

std::optional<VideoFeatures> FeatureCache::find(const std::string& video_hash,
                                                const ExtractionSettings& settings) const {
    const auto path = pathFor(video_hash, settings);
    if (!std::filesystem::exists(path)) {
        return std::nullopt;
    }
    auto features = read(path);
    if (features.video_hash != video_hash || features.settings.hash() != settings.hash()) {
        throw Error(path.string() + ": the file's video or settings do not match its name");
    }
    return features;
}

std::filesystem::path FeatureCache::store(const VideoFeatures& features) const {
    const auto path = pathFor(features.video_hash, features.settings);
    write(path, features);
    return path;
}

void FeatureCache::write(const std::filesystem::path& path, const VideoFeatures& f) {
    std::map<std::string, torch::Tensor> tensors{
        {"action_features", f.action_features}, {"clip_times", f.clip_times},
        {"region_features", f.region_features}, {"region_boxes", f.region_boxes},
        {"region_mask", f.region_mask},         {"region_times", f.region_times}};
    if (f.region_classes.defined()) {
        tensors.emplace("region_classes", f.region_classes);
    }
    const std::map<std::string, std::string> metadata{{"format", kFormat},
                                                      {"settings", f.settings.toJson().dump()},
                                                      {"settings_hash", f.settings.hash()},
                                                      {"video_hash", f.video_hash},
                                                      {"video_name", f.video_name},
                                                      {"class_names", joinLines(f.class_names)}};
    try {
        models::io::saveSafetensors(path.string(), tensors, metadata);
    } catch (const std::exception& error) {
        throw Error(error.what());
    }
}

VideoFeatures FeatureCache::read(const std::filesystem::path& path) {
    models::io::SafetensorsContents contents;
    try {
        contents = models::io::loadSafetensors(path.string());
    } catch (const std::exception& error) {
        throw Error(error.what());
    }
    const auto meta = [&](const std::string& key) {
        const auto it = contents.metadata.find(key);
        if (it == contents.metadata.end()) {
            throw Error(path.string() + ": not a feature file: metadata '" + key + "' is missing");
        }
        return it->second;
    };
    if (meta("format") != kFormat) {
        throw Error(path.string() + ": feature file format '" + meta("format") +
                    "' is not the supported '" + kFormat + "'");
    }
    VideoFeatures f;
    try {
        f.settings = ExtractionSettings::fromJson(nlohmann::json::parse(meta("settings")));
    } catch (const nlohmann::json::exception& error) {
        throw Error(path.string() + ": settings metadata is not valid JSON");
    } catch (const Error& error) {
        throw Error(path.string() + ": " + error.what());
    }
    f.video_hash = meta("video_hash");
    f.video_name = meta("video_name");
    f.class_names = splitLines(meta("class_names"));
    f.action_features = require(contents, "action_features", path, 2, torch::kFloat);
    f.clip_times = require(contents, "clip_times", path, 2, torch::kDouble);
    f.region_features = require(contents, "region_features", path, 3, torch::kFloat);
    f.region_boxes = require(contents, "region_boxes", path, 3, torch::kFloat);
    f.region_mask = require(contents, "region_mask", path, 2, torch::kUInt8);
    f.region_times = require(contents, "region_times", path, 1, torch::kDouble);
    if (contents.tensors.count("region_classes")) {
        f.region_classes = require(contents, "region_classes", path, 3, torch::kFloat);
    }
    // Consistent sizes, so consumers can index without checking.
    const auto clips = f.action_features.size(0);
    const auto frames = f.region_features.size(0);
    const auto regions = f.region_features.size(1);
    const bool consistent =
        f.clip_times.size(0) == clips && f.clip_times.size(1) == 2 &&
        f.region_boxes.size(0) == frames && f.region_boxes.size(1) == regions &&
        f.region_boxes.size(2) == 5 && f.region_mask.size(0) == frames &&
        f.region_mask.size(1) == regions && f.region_times.size(0) == frames &&
        (!f.region_classes.defined() ||
         (f.region_classes.size(0) == frames && f.region_classes.size(1) == regions &&
          f.region_classes.size(2) == static_cast<int64_t>(f.class_names.size())));
    if (!consistent) {
        throw Error(path.string() + ": feature tensors disagree on clip, frame or region counts");
    }
    return f;
}

}  // namespace actbert::features
