// actbert backbone init|train: create a randomly initialised backbone for trials, or train the
// action backbone on verb labels from narrations (the paper's recipe).

#include <torch/torch.h>

#include <cstdio>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/features/action_backbone_trainer.h"
#include "core/features/video_frame_source.h"
#include "models/backbones/backbone_checkpoint.h"
#include "models/common/device.h"

namespace actbert::cli {
namespace {

int64_t parameterCount(const torch::nn::Module& module) {
    int64_t total = 0;
    for (const auto& p : module.parameters()) {
        total += p.numel();
    }
    return total;
}

std::string millions(int64_t count) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.1fM", static_cast<double>(count) / 1e6);
    return text;
}

int runInit(const CliArguments& arguments) {
    const auto arch = arguments.text("arch");
    const auto out = arguments.text("out");
    const auto classes = arguments.integer("classes");
    const auto seed = applySeed(arguments);
    const std::map<std::string, std::string> origin{
        {"origin", "random initialisation, seed " + std::to_string(seed) +
                       " (not trained: for trials only)"}};
    if (arch == "region" || arch == "region-tiny") {
        using models::backbones::RegionNetConfig;
        models::backbones::RegionFeatureNet net(arch == "region" ? RegionNetConfig::base()
                                                                 : RegionNetConfig::tiny());
        models::backbones::saveRegionNetwork(out, net, origin);
        printLine("wrote a RANDOMLY INITIALISED region network (" + millions(parameterCount(*net)) +
                  " parameters, " + std::to_string(net->config().feature_dim) +
                  "-d region features, seed " + std::to_string(seed) + ") to " + out +
                  ": its features carry no learned meaning; use it for trials only");
        return kExitOk;
    }
    auto config = models::backbones::R3dConfig::fromArch(arch);
    config.num_classes = classes;
    models::backbones::R3d model(config);
    models::backbones::saveActionBackbone(out, model, origin);
    printLine("wrote a RANDOMLY INITIALISED " + arch + " action backbone (" +
              millions(parameterCount(*model)) + " parameters, " +
              std::to_string(config.feature_dim) + "-d action features, clips of " +
              std::to_string(config.clip_frames) + " frames at " +
              std::to_string(config.crop_size) + " px, seed " + std::to_string(seed) + ") to " +
              out + ": for trials only; train it with `actbert backbone train`");
    return kExitOk;
}

int runTrain(const CliArguments& arguments) {
    features::BackboneTrainingOptions options;
    options.epochs = static_cast<int>(arguments.integer("epochs"));
    options.batch_size = static_cast<int>(arguments.integer("batch"));
    options.learning_rate = arguments.number("lr");
    const torch::Device device = models::parseDevice(deviceSpec(arguments));
    applyThreads(arguments);
    const auto dataset =
        features::loadVerbDataset(arguments.text("actions"), arguments.text("videos"));
    printLine("data: " + std::to_string(dataset.clips.size()) + " clips, " +
              std::to_string(dataset.vocabulary.size()) + " verbs" +
              (dataset.clips_without_video ? ", " + std::to_string(dataset.clips_without_video) +
                                                 " clips skipped (video not in the folder)"
                                           : std::string()));
    const auto init_path = arguments.text("init");
    auto loaded = models::backbones::loadActionBackbone(init_path);
    auto model = models::backbones::withClassifier(loaded.model,
                                                   static_cast<int64_t>(dataset.vocabulary.size()));
    printLine("start: " + init_path + " (" + loaded.metadata["origin"] + ")");
    const auto out = arguments.text("out");
    std::string vocabulary;
    for (const auto& verb : dataset.vocabulary) {
        vocabulary += verb + "\n";
    }
    features::ActionBackboneTrainer trainer(model, device, options);
    TerminalProgress progress("backbone train");
    trainer.train(
        dataset,
        [](const std::filesystem::path& path) {
            return std::make_unique<features::VideoFrameSource>(path);
        },
        [&](const features::EpochReport& report) {
            models::backbones::saveActionBackbone(
                out, model,
                {{"origin", "trained on " + std::to_string(dataset.clips.size()) +
                                " verb-labelled clips, " + std::to_string(report.epoch) +
                                " epoch(s), from " + init_path},
                 {"verbs", vocabulary}});
            progress.finish();  // the epoch's line starts on its own line
            printLine("epoch " + std::to_string(report.epoch) + ": loss " +
                      std::to_string(report.mean_loss) + ", top-1 verb accuracy " +
                      std::to_string(report.top1_accuracy) + " -> " + out);
        },
        progress.progressFn(), interruptToken());
    progress.finish();
    return kExitOk;
}

}  // namespace

const CliCommand& backboneCommand() {
    static const CliOption init_options[] = {
        textOption("arch", "ARCH",
                   "r3d18, r3d50 or tiny (action backbones), region or region-tiny (region "
                   "network).")
            .require(),
        outOption("CKPT").require(),
        seedOption(),
        integerOption("classes", "N",
                      "Verb classes of the training head (action backbones; 0: no head).")
            .withDefault("0")
            .atLeast(0),
    };
    static const CliOption train_options[] = {
        textOption("init", "CKPT", "Action backbone to start from (actbert backbone init).")
            .require(),
        textOption("actions", "JSON", "Action vocabulary JSON from `actbert actions build`.")
            .require(),
        textOption("videos", "DIR", "Folder with the videos (file name = video id).").require(),
        outOption("CKPT").require(),
        integerOption("epochs", "N", "Epochs.").withDefault("1").atLeast(1),
        integerOption("batch", "N", "Clips per step.").withDefault("4").atLeast(1),
        numberOption("lr", "X", "Adam learning rate.").withDefault("0.001").atLeast(0),
        deviceOption(),
        threadsOption(),
    };
    static const CliCommand subcommands[] = {
        {
            .name = "init",
            .summary = "Write a randomly initialised backbone (for trials)",
            .usage = "backbone init --arch ARCH --out CKPT [--seed N] [--classes N]",
            .options = init_options,
            .run = runInit,
        },
        {
            .name = "train",
            .summary = "Train the action backbone on verb labels from narrations",
            .usage = "backbone train --init CKPT --actions VOCAB.json --videos DIR --out CKPT "
                     "[--epochs N] [--batch N] [--lr X] [--device D] [--threads N]",
            .options = train_options,
            .run = runTrain,
            .description = "The checkpoint at --out is rewritten after each epoch.",
        },
    };
    static const CliCommand command{
        .name = "backbone",
        .summary = "Create (init) or train the action backbone",
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
