// actbert features info FILE: what a feature-cache file holds (shapes, settings, source).

#include <nlohmann/json.hpp>

#include <sstream>

#include "app/cli/cli_support.h"
#include "core/features/feature_cache.h"

#include <torch/torch.h>

namespace actbert::cli {
namespace {

std::string shape(const torch::Tensor& tensor) {
    std::ostringstream text;
    text << '[';
    for (int64_t d = 0; d < tensor.dim(); ++d) {
        text << (d ? " x " : "") << tensor.size(d);
    }
    text << ']';
    return text.str();
}

int runInfo(const QStringList& arguments) {
    QCommandLineParser parser;
    if (!parseCommandLine(parser, arguments, QStringLiteral("features info FILE"))) {
        return kExitOk;
    }
    const auto file = toStd(requirePositional(parser, 1, QStringLiteral("FILE")).front());
    const auto f = features::FeatureCache::read(file);
    const auto& s = f.settings;
    printLine("file: " + file);
    printLine("video: " + f.video_name + " (content hash " + f.video_hash + ")");
    printLine("actions: " + std::to_string(f.action_features.size(0)) + " clips of " +
              std::to_string(s.clip_frames) + " frames at " + std::to_string(s.clip_fps) +
              " FPS, " + std::to_string(s.crop_size) + "x" + std::to_string(s.crop_size) +
              ", feature " + shape(f.action_features));
    const auto valid = f.region_mask.sum().item<int64_t>();
    printLine("regions: " + std::to_string(f.region_features.size(0)) + " frames at " +
              std::to_string(s.region_fps) + " FPS, up to " + std::to_string(s.max_regions) +
              " per frame (" + std::to_string(valid) + " found), feature " +
              shape(f.region_features) + ", boxes " + shape(f.region_boxes));
    printLine(std::string("region source: ") + features::toString(s.region_source) + " (" +
              s.region_detector + ")");
    printLine(f.region_classes.defined()
                  ? "region classes: " + std::to_string(f.class_names.size()) + " (distribution " +
                        shape(f.region_classes) + ")"
                  : std::string("region classes: none (this region source has no classes)"));
    printLine("action backbone: " + s.action_backbone);
    printLine("region network: " + s.region_network);
    printLine("settings hash: " + s.hash());
    printLine("settings: " + s.toJson().dump());
    return kExitOk;
}

}  // namespace

int runFeatures(const QStringList& arguments) {
    if (arguments.isEmpty() || arguments.front() != QStringLiteral("info")) {
        if (!arguments.isEmpty() && (arguments.front() == QStringLiteral("--help") ||
                                     arguments.front() == QStringLiteral("-h"))) {
            printLine(
                "usage: actbert features info FILE\n\nPrints the shapes and settings of a "
                "feature-cache file.");
            return kExitOk;
        }
        throw UsageError("expected a subcommand: features info FILE");
    }
    return runInfo(arguments.mid(1));
}

}  // namespace actbert::cli
