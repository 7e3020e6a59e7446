// actbert extract VIDEO... (--project P | --out DIR) --actions CKPT [--detector JSON]:
// action and region features of videos into the feature cache, skipping what is cached.

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/cli/cli_support.h"
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

// One progress line, rewritten in place on a terminal, at most a few times per second.
class ProgressPrinter {
public:
    void operator()(double fraction, const std::string& message) {
        const auto now = std::chrono::steady_clock::now();
        if (fraction < 1.0 && now - last_ < std::chrono::milliseconds(250)) {
            return;
        }
        last_ = now;
        std::fprintf(stderr, "\r[%5.1f%%] %-100.100s", fraction * 100.0, message.c_str());
        std::fflush(stderr);
    }
    ~ProgressPrinter() { std::fprintf(stderr, "\n"); }

private:
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int runExtract(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("project"),
                      QStringLiteral("Project folder: features go to P/features."),
                      QStringLiteral("P")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Feature cache folder."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("actions"),
                      QStringLiteral("Action backbone checkpoint (actbert backbone init|train)."),
                      QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("detector"),
                      QStringLiteral("Detector description JSON (ONNX model run by OpenCV)."),
                      QStringLiteral("JSON")});
    parser.addOption({QStringLiteral("ground-truth"),
                      QStringLiteral("Region boxes from a synthetic video's ground-truth JSON "
                                     "(one video only)."),
                      QStringLiteral("JSON")});
    parser.addOption({QStringLiteral("learned-regions"),
                      QStringLiteral("No detector: learned regions aggregate the grid cells.")});
    parser.addOption({QStringLiteral("regions-net"),
                      QStringLiteral("Region network checkpoint (actbert backbone init --arch "
                                     "region); default: a seeded random network, said so."),
                      QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("cpu (default), cuda or cuda:N."),
                      QStringLiteral("DEVICE"), QStringLiteral("cpu")});
    parser.addOption({QStringLiteral("clip-batch"),
                      QStringLiteral("Clips per backbone pass (default 4)."), QStringLiteral("N"),
                      QStringLiteral("4")});
    if (!parseCommandLine(
            parser, arguments,
            QStringLiteral("extract VIDEO... (--project P | --out DIR) --actions CKPT "
                           "[--detector JSON | --ground-truth JSON | --learned-regions] "
                           "[--regions-net CKPT] [--device cpu|cuda:N]"))) {
        return kExitOk;
    }
    const auto videos = requirePositional(parser, 1, QStringLiteral("VIDEO..."), true);
    const bool project = parser.isSet(QStringLiteral("project"));
    if (project == parser.isSet(QStringLiteral("out"))) {
        throw UsageError("give exactly one of --project P and --out DIR");
    }
    if (!parser.isSet(QStringLiteral("actions"))) {
        throw UsageError("--actions CKPT is required (create one with `actbert backbone init`)");
    }
    const int sources = (parser.isSet(QStringLiteral("detector")) ? 1 : 0) +
                        (parser.isSet(QStringLiteral("ground-truth")) ? 1 : 0) +
                        (parser.isSet(QStringLiteral("learned-regions")) ? 1 : 0);
    if (sources > 1) {
        throw UsageError("give at most one of --detector, --ground-truth, --learned-regions");
    }
    if (parser.isSet(QStringLiteral("ground-truth")) && videos.size() != 1) {
        throw UsageError("--ground-truth describes one video: give exactly one VIDEO");
    }
    const int clip_batch = parseIntOption(parser, QStringLiteral("clip-batch"));
    if (clip_batch < 1 || clip_batch > 256) {
        throw UsageError("--clip-batch must be in [1, 256]");
    }
    torch::Device device(torch::kCPU);
    try {
        device = models::parseDevice(toStd(parser.value(QStringLiteral("device"))));
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    const std::filesystem::path cache_folder =
        project ? std::filesystem::path(toStd(parser.value(QStringLiteral("project")))) / "features"
                : std::filesystem::path(toStd(parser.value(QStringLiteral("out"))));

    const auto actions_path = toStd(parser.value(QStringLiteral("actions")));
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

    if (parser.isSet(QStringLiteral("regions-net"))) {
        const auto path = toStd(parser.value(QStringLiteral("regions-net")));
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
    if (parser.isSet(QStringLiteral("detector"))) {
        const auto path = toStd(parser.value(QStringLiteral("detector")));
        models.detector =
            std::make_unique<features::OnnxDetector>(features::DetectorDescription::load(path));
        settings.region_source = features::RegionSource::Detector;
        printLine("regions: detector " + models.detector->describe());
    } else if (parser.isSet(QStringLiteral("ground-truth"))) {
        const auto path = toStd(parser.value(QStringLiteral("ground-truth")));
        models.detector = std::make_unique<features::GroundTruthBoxes>(path);
        settings.region_source = features::RegionSource::Detector;
        printLine("regions: ground-truth boxes from " + path);
    } else if (parser.isSet(QStringLiteral("learned-regions"))) {
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
        ProgressPrinter printer;
        results = features::extractVideos(
            paths, cache, extractor,
            [](const std::filesystem::path& path) {
                return std::make_unique<features::VideoFrameSource>(path);
            },
            std::ref(printer), CancelToken{});
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

}  // namespace actbert::cli
