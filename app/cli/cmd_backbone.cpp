// actbert backbone init|train: create a randomly initialised backbone for trials, or train the
// action backbone on verb labels from narrations (the paper's recipe).

#include <torch/torch.h>

#include <cstdio>

#include "app/cli/cli_support.h"
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

int runInit(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("arch"),
                      QStringLiteral("r3d18, r3d50 or tiny (action backbones), region or "
                                     "region-tiny (region network)."),
                      QStringLiteral("ARCH")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Checkpoint to write."), QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("classes"),
                      QStringLiteral("Verb classes of the training head (action backbones; "
                                     "default 0: no head)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("backbone init --arch ARCH --out CKPT [--seed N] "
                                         "[--classes N]"))) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    if (!parser.isSet(QStringLiteral("arch")) || !parser.isSet(QStringLiteral("out"))) {
        throw UsageError("backbone init needs --arch and --out");
    }
    const auto arch = toStd(parser.value(QStringLiteral("arch")));
    const auto out = toStd(parser.value(QStringLiteral("out")));
    const int seed = parseIntOption(parser, QStringLiteral("seed"));
    const int classes = parseIntOption(parser, QStringLiteral("classes"));
    torch::manual_seed(seed);
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
    if (classes < 0) {
        throw UsageError("--classes must be 0 or more");
    }
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

int runTrain(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("init"),
                      QStringLiteral("Action backbone to start from (actbert backbone init)."),
                      QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("actions"),
                      QStringLiteral("Action vocabulary JSON from `actbert actions build`."),
                      QStringLiteral("JSON")});
    parser.addOption({QStringLiteral("videos"),
                      QStringLiteral("Folder with the videos (file name = video id)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Checkpoint to write after each epoch."),
                      QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("epochs"), QStringLiteral("Epochs (default 1)."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("batch"), QStringLiteral("Clips per step (default 4)."),
                      QStringLiteral("N"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("lr"), QStringLiteral("Adam learning rate (default 1e-3)."),
                      QStringLiteral("X"), QStringLiteral("0.001")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("cpu (default), cuda or cuda:N."),
                      QStringLiteral("DEVICE"), QStringLiteral("cpu")});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("backbone train --init CKPT --actions VOCAB.json "
                                         "--videos DIR --out CKPT [--epochs N] [--batch N] "
                                         "[--lr X] [--device D]"))) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    for (const auto* name : {"init", "actions", "videos", "out"}) {
        if (!parser.isSet(QString::fromLatin1(name))) {
            throw UsageError(std::string("backbone train needs --") + name);
        }
    }
    features::BackboneTrainingOptions options;
    options.epochs = parseIntOption(parser, QStringLiteral("epochs"));
    options.batch_size = parseIntOption(parser, QStringLiteral("batch"));
    options.learning_rate = parseDoubleOption(parser, QStringLiteral("lr"));
    torch::Device device(torch::kCPU);
    try {
        device = models::parseDevice(toStd(parser.value(QStringLiteral("device"))));
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    const auto dataset = features::loadVerbDataset(toStd(parser.value(QStringLiteral("actions"))),
                                                   toStd(parser.value(QStringLiteral("videos"))));
    printLine("data: " + std::to_string(dataset.clips.size()) + " clips, " +
              std::to_string(dataset.vocabulary.size()) + " verbs" +
              (dataset.clips_without_video ? ", " + std::to_string(dataset.clips_without_video) +
                                                 " clips skipped (video not in the folder)"
                                           : std::string()));
    const auto init_path = toStd(parser.value(QStringLiteral("init")));
    auto loaded = models::backbones::loadActionBackbone(init_path);
    auto model = models::backbones::withClassifier(loaded.model,
                                                   static_cast<int64_t>(dataset.vocabulary.size()));
    printLine("start: " + init_path + " (" + loaded.metadata["origin"] + ")");
    const auto out = toStd(parser.value(QStringLiteral("out")));
    std::string vocabulary;
    for (const auto& verb : dataset.vocabulary) {
        vocabulary += verb + "\n";
    }
    features::ActionBackboneTrainer trainer(model, device, options);
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
            printLine("epoch " + std::to_string(report.epoch) + ": loss " +
                      std::to_string(report.mean_loss) + ", top-1 verb accuracy " +
                      std::to_string(report.top1_accuracy) + " -> " + out);
        },
        [](double fraction, const std::string& message) {
            std::fprintf(stderr, "\r[%5.1f%%] %-80.80s", fraction * 100.0, message.c_str());
        },
        CancelToken{});
    std::fprintf(stderr, "\n");
    return kExitOk;
}

}  // namespace

int runBackbone(const QStringList& arguments) {
    const QString sub = arguments.isEmpty() ? QString() : arguments.front();
    if (sub == QStringLiteral("init")) {
        return runInit(arguments.mid(1));
    }
    if (sub == QStringLiteral("train")) {
        return runTrain(arguments.mid(1));
    }
    if (sub == QStringLiteral("--help") || sub == QStringLiteral("-h")) {
        printLine(
            "usage: actbert backbone init|train ...\n\n"
            "  init   write a randomly initialised backbone (for trials)\n"
            "  train  train the action backbone on verb labels from narrations");
        return kExitOk;
    }
    throw UsageError("expected a subcommand: backbone init|train (see `actbert backbone --help`)");
}

}  // namespace actbert::cli
