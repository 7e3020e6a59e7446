// actbert features info FILE: what a feature-cache file holds (shapes, settings, source).

#include <nlohmann/json.hpp>

#include <sstream>

#include "app/cli/cli_arguments.h"
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

int runInfo(const CliArguments& arguments) {
    const auto file = arguments.positional(0);
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

const CliCommand& featuresCommand() {
    static const CliCommand subcommands[] = {{
        .name = "info",
        .summary = "Print the shapes and settings of a feature-cache file",
        .usage = "features info FILE",
        .positional = {"FILE", 1, 1},
        .run = runInfo,
    }};
    static const CliCommand command{
        .name = "features",
        .summary = "Shapes and settings of a feature-cache file (features info)",
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
