#pragma once
// The feature cache: one safetensors file per video and extractor setting, named
// <video content hash>-<settings hash>.safetensors, written atomically (temporary file +
// rename), so a kill mid-write leaves the previous state and never a half file; a batch that
// is run again skips what is already there. Shared by the CLI, the studio and training.
// File layout: tensors action_features, clip_times, region_features, region_boxes,
// region_mask, region_times (+ region_classes); metadata: format, settings (JSON),
// settings_hash, video_hash, video_name, class_names (one per line).
// Threading: different threads may use different FeatureCache objects on one folder; writes of
// the same key race only on which complete file wins.

#include <filesystem>
#include <optional>
#include <string>

#include "core/features/video_features.h"

namespace actbert::features {

class FeatureCache {
public:
    // Creates `folder` if needed and removes temporary files left by killed writers.
    // Throws actbert::Error naming the folder when it cannot be created.
    explicit FeatureCache(std::filesystem::path folder);

    const std::filesystem::path& folder() const { return folder_; }
    std::filesystem::path pathFor(const std::string& video_hash,
                                  const ExtractionSettings& settings) const;

    // The cached features, or nullopt when there are none for this key. Throws actbert::Error
    // naming the file when it exists but is corrupt or does not match the key.
    std::optional<VideoFeatures> find(const std::string& video_hash,
                                      const ExtractionSettings& settings) const;
    // Writes atomically; returns the file's path. Throws actbert::Error on I/O failure.
    std::filesystem::path store(const VideoFeatures& features) const;

    // Reads any feature file (for `actbert features info`, training). Throws actbert::Error
    // naming the file when it is not a valid feature file.
    static VideoFeatures read(const std::filesystem::path& path);
    static void write(const std::filesystem::path& path, const VideoFeatures& features);

private:
    std::filesystem::path folder_;
};

}  // namespace actbert::features
