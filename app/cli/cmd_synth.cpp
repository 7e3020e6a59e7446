// actbert synth: generates narrated synthetic instructional videos with full ground truth;
// `actbert synth baselines DIR` prints how well trivial baselines do on such a data set.

#include <QRegularExpression>

#include <cstdio>
#include <iostream>

#include "app/cli/cli_support.h"
#include "core/synth/dataset_generator.h"
#include "core/synth/synth_baselines.h"
#include "core/synth/task_library.h"

namespace actbert::cli {

namespace {

int runBaselines(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("A data set written by `actbert synth`."));
    if (!parseCommandLine(parser, arguments, QStringLiteral("synth baselines DIR"))) {
        return kExitOk;
    }
    const QStringList positional = requirePositional(parser, 1, QStringLiteral("DIR"));
    const synth::BaselineReport report =
        synth::computeBaselines(toStd(positional.front()), nullptr, CancelToken());
    for (const auto& line : synth::formatBaselines(report)) {
        printLine(line);
    }
    return kExitOk;
}

}  // namespace

int runSynth(const QStringList& arguments) {
    if (!arguments.isEmpty() && arguments.front() == QStringLiteral("baselines")) {
        return runBaselines(arguments.mid(1));
    }
    QCommandLineParser parser;
    const QCommandLineOption videos(QStringLiteral("videos"),
                                    QStringLiteral("Number of videos (default 3)."),
                                    QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed (default 1)."), QStringLiteral("S"),
                                  QStringLiteral("1"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output folder (required)."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption tasks(
        QStringLiteral("tasks"),
        QStringLiteral("Comma-separated task keys (default: all; see --list-tasks)."),
        QStringLiteral("KEYS"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Frame size (default 320x240)."),
                                  QStringLiteral("WxH"), QStringLiteral("320x240"));
    const QCommandLineOption fps(QStringLiteral("fps"), QStringLiteral("Frame rate (default 15)."),
                                 QStringLiteral("F"), QStringLiteral("15"));
    const QCommandLineOption difficulty(QStringLiteral("difficulty"),
                                        QStringLiteral("0 (clean) .. 1 (hard), default 0.3."),
                                        QStringLiteral("D"), QStringLiteral("0.3"));
    const QCommandLineOption list(QStringLiteral("list-tasks"),
                                  QStringLiteral("List the tasks and exit."));
    parser.addOptions({videos, seed, out, tasks, size, fps, difficulty, list});
    const QString usage = QStringLiteral(
        "synth --videos N --seed S --out DIR [--tasks K1,K2] [--size WxH] [--fps F] [--difficulty "
        "D]\n"
        "       actbert synth baselines DIR");
    if (!parseCommandLine(parser, arguments, usage)) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    if (parser.isSet(list)) {
        const auto library = synth::TaskLibrary::builtin();
        for (const auto& task : library.tasks()) {
            printLine(task.key + "\t" + task.name + "\t" + std::to_string(task.steps.size()) +
                      " steps");
        }
        return kExitOk;
    }
    if (!parser.isSet(out)) {
        throw UsageError("--out DIR is required");
    }
    synth::SynthSettings settings;
    settings.video_count = parseIntOption(parser, QStringLiteral("videos"));
    bool ok = false;
    settings.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        throw UsageError("--seed expects a non-negative integer, got '" +
                         toStd(parser.value(seed)) + "'");
    }
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(parser.value(size));
    if (!match.hasMatch()) {
        throw UsageError("--size expects WxH (e.g. 320x240), got '" + toStd(parser.value(size)) +
                         "'");
    }
    settings.width = match.captured(1).toInt();
    settings.height = match.captured(2).toInt();
    settings.fps = parseIntOption(parser, QStringLiteral("fps"));
    settings.difficulty = parseDoubleOption(parser, QStringLiteral("difficulty"));
    if (parser.isSet(tasks)) {
        for (const QString& key : parser.value(tasks).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            settings.tasks.push_back(toStd(key.trimmed()));
        }
    }
    const std::string dir = toStd(parser.value(out));
    int last_percent = -1;
    const auto progress = [&](double fraction, const std::string& message) {
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent != last_percent) {
            last_percent = percent;
            std::fprintf(stderr, "\r%3d%% %s   ", percent, message.c_str());
        }
    };
    const auto videos_written = synth::generateDataset(settings, dir, progress, CancelToken());
    std::fprintf(stderr, "\n");
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

}  // namespace actbert::cli
