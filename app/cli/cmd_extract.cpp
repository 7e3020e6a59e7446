// actbert extract VIDEO... (--project P | --out DIR) --actions CKPT [--detector JSON]:
// action and region features of videos into the feature cache, skipping what is cached.

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/features/batch_extraction.h"
#include "core/features/content_hash.h"
#include "core/features/detector_description.h"
#include "core/features/grid_regions.h"
#include "core/features/ground_truth_boxes.h"
#include "core/features/onnx_detector.h"
#include "core/features/video_frame_source.h"
#include "models/backbones/backbone_checkpoint.h"
#include "models/common/device.h"

namespace actbert::cli {
namespace {

int runExtract(const CliArguments& arguments) {
    const auto& videos = arguments.positional();
    const bool project = arguments.isSet("project");
    if (project == arguments.isSet("out")) {
        throw UsageError("give exactly one of --project P and --out DIR");
    }
    const int sources = (arguments.isSet("detector") ? 1 : 0) +
                        (arguments.isSet("ground-truth") ? 1 : 0) +
                        (arguments.isSet("learned-regions") ? 1 : 0);
    if (sources > 1) {
        throw UsageError("give at most one of --detector, --ground-truth, --learned-regions");
    }
    if (arguments.isSet("ground-truth") && videos.size() != 1) {
        throw UsageError("--ground-truth describes one video: give exactly one VIDEO");
    }
    const auto clip_batch = static_cast<int>(arguments.integer("clip-batch"));
    if (clip_batch > 256) {
        throw UsageError("--clip-batch must be in [1, 256]");
    }
    const torch::Device device = models::parseDevice(deviceSpec(arguments));
    applyThreads(arguments);
    const std::filesystem::path cache_folder =
        project ? std::filesystem::path(arguments.text("project")) / "features"
                : std::filesystem::path(arguments.text("out"));

    const auto actions_path = arguments.text("actions");
    auto action = models::backbones::loadActionBackbone(actions_path);
    const auto& action_config = action.model->config();
    printLine("actions: " + action_config.arch + " backbone from " + actions_path + " (" +
              action.metadata["origin"] + "), " + std::to_string(action_config.feature_dim) +
              "-d features, clips of " + std::to_string(action_config.clip_frames) + " frames at " +
              std::to_string(action_config.clip_fps) + " FPS, " +
              std::to_string(action_config.crop_size) + " px");

    features::ExtractorModels models;
    models.action = action.model;
    features::ExtractionSettings settings;
    settings.clip_frames = static_cast<int>(action_config.clip_frames);
    settings.clip_fps = action_config.clip_fps;
    settings.crop_size = static_cast<int>(action_config.crop_size);
    settings.action_backbone = "checkpoint:" + features::hashFileContent(actions_path);

    if (arguments.isSet("regions-net")) {
        const auto path = arguments.text("regions-net");
        auto region = models::backbones::loadRegionNetwork(path);
        models.region_net = region.model;
        settings.region_network = "checkpoint:" + features::hashFileContent(path);
        printLine("region network: " + path + " (" + region.metadata["origin"] + ")");
    } else {
        torch::manual_seed(0);
        models.region_net =
            models::backbones::RegionFeatureNet(models::backbones::RegionNetConfig::base());
        settings.region_network = "random-seed-0:base";
        printLine(
            "region network: RANDOMLY INITIALISED (seed 0; no --regions-net given): "
            "region features carry no learned meaning");
    }
    if (arguments.isSet("detector")) {
        const auto path = arguments.text("detector");
        models.detector =
            std::make_unique<features::OnnxDetector>(features::DetectorDescription::load(path));
        settings.region_source = features::RegionSource::Detector;
        printLine("regions: detector " + models.detector->describe());
    } else if (arguments.isSet("ground-truth")) {
        const auto path = arguments.text("ground-truth");
        models.detector = std::make_unique<features::GroundTruthBoxes>(path);
        settings.region_source = features::RegionSource::Detector;
        printLine("regions: ground-truth boxes from " + path);
    } else if (arguments.isSet("learned-regions")) {
        torch::manual_seed(0);
        const auto& config = models.region_net->config();
        models.learned = models::backbones::LearnedRegions(
            config.feature_dim, config.learned_regions, config.codebook_size);
        settings.region_source = features::RegionSource::LearnedRegions;
        printLine("regions: learned regions (no detector), RANDOMLY INITIALISED (seed 0)");
    } else {
        models.detector = std::make_unique<features::GridRegions>();
        settings.region_source = features::RegionSource::Grid;
        printLine("regions: no --detector given, using fixed grid regions (" +
                  models.detector->describe() + ")");
    }

    features::FeatureExtractor extractor(settings, std::move(models), device,
                                         features::ExtractorOptions{clip_batch, 8, 16});
    const features::FeatureCache cache(cache_folder);
    printLine("cache: " + cache_folder.string() + " (settings " +
              extractor.settings().hash().substr(0, 12) + ")");
    std::vector<std::filesystem::path> paths;
    for (const auto& video : videos) {
        paths.emplace_back(toStd(video));
    }
    std::vector<features::VideoResult> results;
    {
        TerminalProgress progress(
            "extract", {.unit = "videos", .total_units = static_cast<double>(paths.size())});
        results = features::extractVideos(
            paths, cache, extractor,
            [](const std::filesystem::path& path) {
                return std::make_unique<features::VideoFrameSource>(path);
            },
            progress.progressFn(), interruptToken());
    }
    int failed = 0;
    for (const auto& result : results) {
        if (result.outcome == features::VideoOutcome::Failed) {
            ++failed;
            printError(result.video.string() + ": FAILED: " + result.message);
            continue;
        }
        printLine(result.video.string() + ": " + result.message + ", " +
                  std::to_string(result.clips) + " clips, " + std::to_string(result.region_frames) +
                  " region frames -> " + result.feature_file.string());
    }
    printLine(std::to_string(results.size() - failed) + " of " + std::to_string(results.size()) +
              " videos have features");
    return failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace

const CliCommand& extractCommand() {
    static const CliOption options[] = {
        textOption("project", "P", "Project folder: features go to P/features."),
        outOption("DIR"),
        textOption("actions", "CKPT",
                   "Action backbone checkpoint (create one with `actbert backbone init`).")
            .require(),
        textOption("detector", "JSON", "Detector description JSON (ONNX model run by OpenCV)."),
        textOption("ground-truth", "JSON",
                   "Region boxes from a synthetic video's ground-truth JSON (one video only)."),
        flagOption("learned-regions", "No detector: learned regions aggregate the grid cells."),
        textOption("regions-net", "CKPT",
                   "Region network checkpoint (actbert backbone init --arch region); default: a "
                   "seeded random network, said so."),
        deviceOption(),
        threadsOption(),
        integerOption("clip-batch", "N", "Clips per backbone pass, 1 to 256.")
            .withDefault("4")
            .atLeast(1),
    };
    static const CliCommand command{
        .name = "extract",
        .summary = "Action and region features of videos into the feature cache",
        .usage =
            "extract VIDEO... (--project P | --out DIR) --actions CKPT [--detector JSON | "
            "--ground-truth JSON | --learned-regions] [--regions-net CKPT] [--device D]",
        .options = options,
        .positional = {"VIDEO...", 1, CliPositional::kUnlimited},
        .run = runExtract,
        .description =
            "Videos already in the cache with the same settings are skipped. Ctrl-C "
            "stops after removing the file being written.",
    };
    return command;
}

}  // namespace actbert::cli
