// actbert synth: generates narrated synthetic instructional videos with full ground truth;
// `actbert synth baselines DIR` prints how well trivial baselines do on such a data set.

#include <QRegularExpression>

#include <cstdio>
#include <iostream>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/synth/dataset_generator.h"
#include "core/synth/synth_baselines.h"
#include "core/synth/task_library.h"

namespace actbert::cli {

namespace {

int runBaselines(const CliArguments& arguments) {
    TerminalProgress progress("synth baselines");
    const synth::BaselineReport report =
        synth::computeBaselines(arguments.positional(0), progress.progressFn(), interruptToken());
    progress.finish();
    for (const auto& line : synth::formatBaselines(report)) {
        printLine(line);
    }
    return kExitOk;
}

int runSynth(const CliArguments& arguments) {
    if (arguments.isSet("list-tasks")) {
        const auto library = synth::TaskLibrary::builtin();
        for (const auto& task : library.tasks()) {
            printLine(task.key + "\t" + task.name + "\t" + std::to_string(task.steps.size()) +
                      " steps");
        }
        return kExitOk;
    }
    if (!arguments.isSet("out")) {
        throw UsageError("--out DIR is required");
    }
    synth::SynthSettings settings;
    settings.video_count = static_cast<int>(arguments.integer("videos"));
    settings.seed = static_cast<std::uint64_t>(arguments.integer("seed"));
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(arguments.value("size"));
    if (!match.hasMatch()) {
        throw UsageError("--size expects WxH (e.g. 320x240), got '" + arguments.text("size") + "'");
    }
    settings.width = match.captured(1).toInt();
    settings.height = match.captured(2).toInt();
    settings.fps = static_cast<int>(arguments.integer("fps"));
    settings.difficulty = arguments.number("difficulty");
    if (arguments.isSet("tasks")) {
        for (const QString& key :
             arguments.value("tasks").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            settings.tasks.push_back(toStd(key.trimmed()));
        }
    }
    const std::string dir = arguments.text("out");
    TerminalProgress progress("synth");
    const auto videos_written =
        synth::generateDataset(settings, dir, progress.progressFn(), interruptToken());
    progress.finish();
    double total_s = 0.0;
    for (const auto& video : videos_written) {
        printLine(video.video_path.string() + "\t" + video.task_key + "\t" + video.split + "\t" +
                  std::to_string(video.frame_count) + " frames");
        total_s += video.duration_s;
    }
    printLine("wrote " + std::to_string(videos_written.size()) + " videos (" +
              std::to_string(static_cast<int>(total_s)) + " s) and their ground truth to " + dir);
    return kExitOk;
}

}  // namespace

const CliCommand& synthCommand() {
    static const CliOption options[] = {
        integerOption("videos", "N", "Number of videos.").withDefault("3").atLeast(1),
        seedOption("1"),
        outOption("DIR"),
        textOption("tasks", "KEYS", "Comma-separated task keys (default: all; see --list-tasks)."),
        textOption("size", "WxH", "Frame size.").withDefault("320x240"),
        integerOption("fps", "F", "Frame rate.").withDefault("15").atLeast(1),
        numberOption("difficulty", "D", "0 (clean) .. 1 (hard).").withDefault("0.3").atLeast(0),
        flagOption("list-tasks", "List the tasks and exit."),
    };
    static const CliCommand subcommands[] = {{
        .name = "baselines",
        .summary = "How well trivial baselines do on a data set written by `actbert synth`",
        .usage = "synth baselines DIR",
        .positional = {"DIR", 1, 1},
        .run = runBaselines,
    }};
    static const CliCommand command{
        .name = "synth",
        .summary = "Generate narrated synthetic instructional videos with ground truth",
        .usage =
            "synth --videos N --seed S --out DIR [--tasks K1,K2] [--size WxH] [--fps F] "
            "[--difficulty D]",
        .options = options,
        .run = runSynth,
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
