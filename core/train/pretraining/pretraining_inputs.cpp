#include "core/train/pretraining/pretraining_inputs.h"

#include <torch/torch.h>

#include <algorithm>
#include <set>

#include "core/common/error.h"
#include "core/features/batch_extraction.h"
#include "core/features/content_hash.h"
#include "core/features/detector_description.h"
#include "core/features/feature_cache.h"
#include "core/features/grid_regions.h"
#include "core/features/ground_truth_boxes.h"
#include "core/features/onnx_detector.h"
#include "core/features/video_frame_source.h"
#include "core/text/narration_reader.h"
#include "models/backbones/backbone_checkpoint.h"
#include "models/common/device.h"

namespace actbert::train {

namespace fs = std::filesystem;

std::vector<DataVideo> findDataVideos(const fs::path& data_dir,
                                      std::vector<CorpusWarning>& warnings) {
    if (!fs::is_directory(data_dir))
        throw Error(data_dir.string() + ": not a folder");
    const fs::path folder = fs::is_directory(data_dir / "videos") ? data_dir / "videos" : data_dir;
    const std::set<std::string> extensions{".mp4", ".mkv", ".webm", ".mov", ".avi"};
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_regular_file() && extensions.count(entry.path().extension().string()))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw Error(folder.string() + ": no video (.mp4 .mkv .webm .mov .avi) in it");
    std::vector<DataVideo> videos;
    for (const auto& file : files) {
        DataVideo video;
        video.id = file.stem().string();
        video.video = file;
        for (const auto& candidate :
             {fs::path(file).replace_extension(".srt"), fs::path(file).replace_extension(".vtt"),
              fs::path(file).replace_extension(".csv"),
              data_dir / "howto100m" / (video.id + ".csv")}) {
            if (fs::is_regular_file(candidate)) {
                video.narration = candidate;
                break;
            }
        }
        if (video.narration.empty()) {
            warnings.push_back({file.string(),
                                "no narration (.srt, .vtt or .csv) beside it; "
                                "video skipped"});
            continue;
        }
        const auto truth = data_dir / "ground_truth" / (video.id + ".json");
        if (fs::is_regular_file(truth))
            video.ground_truth = truth;
        videos.push_back(std::move(video));
    }
    return videos;
}

namespace {

struct LoadedModels {
    models::backbones::R3d action{nullptr};
    models::backbones::RegionFeatureNet region_net{nullptr};
    features::ExtractionSettings settings;
};

LoadedModels loadModels(const FeatureOptions& options) {
    LoadedModels loaded;
    const auto action = models::backbones::loadActionBackbone(options.actions_checkpoint.string());
    loaded.action = action.model;
    const auto& config = action.model->config();
    loaded.settings.clip_frames = static_cast<int>(config.clip_frames);
    loaded.settings.clip_fps = config.clip_fps;
    loaded.settings.crop_size = static_cast<int>(config.crop_size);
    loaded.settings.action_backbone =
        "checkpoint:" + features::hashFileContent(options.actions_checkpoint.string());
    if (!options.regions_net.empty()) {
        loaded.region_net =
            models::backbones::loadRegionNetwork(options.regions_net.string()).model;
        loaded.settings.region_network =
            "checkpoint:" + features::hashFileContent(options.regions_net.string());
    } else {
        // The same seeded network `actbert extract` uses, so both share cache entries.
        torch::manual_seed(0);
        loaded.region_net =
            models::backbones::RegionFeatureNet(models::backbones::RegionNetConfig::base());
        loaded.settings.region_network = "random-seed-0:base";
    }
    return loaded;
}

}  // namespace

std::vector<CorpusSource> prepareSources(const std::vector<DataVideo>& videos,
                                         const FeatureOptions& options, const ProgressFn& progress,
                                         const CancelToken& cancel,
                                         std::vector<CorpusWarning>& warnings) {
    auto note = [&](const std::string& line) {
        if (options.note)
            options.note(line);
    };
    auto loaded = loadModels(options);
    note("features: " + options.cache_folder.string() + " (action backbone " +
         options.actions_checkpoint.string() + ", region network " +
         (options.regions_net.empty() ? std::string("RANDOMLY INITIALISED, seed 0")
                                      : options.regions_net.string()) +
         ")");
    const features::FeatureCache cache(options.cache_folder);
    const auto device = models::parseDevice(options.device);
    // The region source of one video: the given detector, its ground truth, or the grid.
    auto regionModels = [&](const DataVideo& video) {
        features::ExtractorModels models;
        models.action = loaded.action;
        models.region_net = loaded.region_net;
        auto settings = loaded.settings;
        if (!options.detector_json.empty()) {
            models.detector = std::make_unique<features::OnnxDetector>(
                features::DetectorDescription::load(options.detector_json));
            settings.region_source = features::RegionSource::Detector;
        } else if (options.learned_regions) {
            torch::manual_seed(0);
            const auto& config = models.region_net->config();
            models.learned = models::backbones::LearnedRegions(
                config.feature_dim, config.learned_regions, config.codebook_size);
            settings.region_source = features::RegionSource::LearnedRegions;
        } else if (!video.ground_truth.empty()) {
            models.detector = std::make_unique<features::GroundTruthBoxes>(video.ground_truth);
            settings.region_source = features::RegionSource::Detector;
        } else {
            models.detector = std::make_unique<features::GridRegions>();
            settings.region_source = features::RegionSource::Grid;
        }
        return std::make_pair(std::move(models), settings);
    };
    note(!options.detector_json.empty() ? "regions: detector " + options.detector_json.string()
         : options.learned_regions      ? std::string("regions: learned regions (seed 0)")
                                        : std::string("regions: the data set's ground-truth "
                                                           "boxes where present, else a fixed grid"));

    std::vector<CorpusSource> sources;
    for (std::size_t i = 0; i < videos.size(); ++i) {
        cancel.throwIfCancelled();
        const auto& video = videos[i];
        if (progress)
            progress(static_cast<double>(i) / static_cast<double>(videos.size()),
                     "features of " + video.video.filename().string());
        CorpusSource source;
        source.id = video.id;
        source.narration_file = video.narration;
        try {
            const auto narrations = text::NarrationReader::readFile(video.narration);
            for (const auto& narration : narrations)
                source.segments.insert(source.segments.end(), narration.segments.begin(),
                                       narration.segments.end());
        } catch (const std::exception& error) {
            warnings.push_back({video.narration.string(),
                                std::string(error.what()) + "; video " + video.id + " skipped"});
            continue;
        }
        std::vector<features::VideoResult> results;
        try {
            auto [models, settings] = regionModels(video);
            features::FeatureExtractor extractor(settings, std::move(models), device);
            results = features::extractVideos(
                {video.video}, cache, extractor,
                [](const fs::path& path) {
                    return std::make_unique<features::VideoFrameSource>(path);
                },
                {}, cancel);
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& error) {
            warnings.push_back({video.video.string(),
                                std::string("features: ") + error.what() + "; video skipped"});
            continue;
        }
        const auto& result = results.front();
        if (result.outcome == features::VideoOutcome::Failed) {
            warnings.push_back({video.video.string(), "features cannot be extracted: " +
                                                          result.message + "; video skipped"});
            continue;
        }
        source.feature_file = result.feature_file;
        sources.push_back(std::move(source));
    }
    if (progress)
        progress(1.0, "features ready");
    return sources;
}

}  // namespace actbert::train
