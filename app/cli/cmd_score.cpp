// actbert score TASK ...: metrics of a task's predictions against its ground truth, as the
// task's benchmark defines them. Tasks come from core/eval's metric registry; captioning has
// its own options (cmd_score_captioning.cpp).

#include <string>

#include "app/cli/cli_support.h"
#include "core/eval/metric_registry.h"

namespace actbert::cli {

int runScoreCaptioning(const QStringList& arguments);

namespace {

std::string knownTasks() {
    std::string names = "captioning";
    for (const auto& metric : eval::metricRegistry()) {
        names += std::string(", ") + metric.task;
    }
    return names;
}

void printTasks() {
    printLine(
        "Usage: actbert score TASK --predictions FILE [--ground-truth FILE|DIR] [--json] "
        "[--background LABEL]");
    printLine("Tasks (formats: docs/prediction-formats.md):");
    printLine(
        "  captioning    BLEU-1..4, METEOR, ROUGE-L, CIDEr as coco-caption "
        "(see `actbert score captioning --help`)");
    for (const auto& metric : eval::metricRegistry()) {
        printLine("  " + std::string(metric.task) + ": " + metric.reports);
        printLine("      reads " + std::string(metric.reads));
    }
}

int runRegisteredScore(const eval::MetricDescriptor& metric, const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("predictions"), QString::fromUtf8(metric.reads), QStringLiteral("FILE")});
    if (metric.ground_truth != eval::GroundTruthUse::kNone) {
        parser.addOption({QStringLiteral("ground-truth"),
                          QStringLiteral("The benchmark's ground truth (file or folder)."),
                          QStringLiteral("FILE|DIR")});
    }
    if (metric.takes_background) {
        parser.addOption({QStringLiteral("background"),
                          QStringLiteral("The background label (default \"background\"; '' for "
                                         "none): counted by frame accuracy, no segment for the "
                                         "edit score and F1."),
                          QStringLiteral("LABEL")});
    }
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object: ") +
                                                  QString::fromUtf8(metric.reports)});
    QString usage = QStringLiteral("score ") + QString::fromUtf8(metric.task) +
                    QStringLiteral(" --predictions FILE");
    if (metric.ground_truth != eval::GroundTruthUse::kNone) {
        usage += QStringLiteral(" --ground-truth FILE|DIR");
    }
    if (metric.takes_background) {
        usage += QStringLiteral(" [--background LABEL]");
    }
    usage += QStringLiteral(" [--json]");
    if (!parseCommandLine(parser, arguments, usage)) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    if (!parser.isSet(QStringLiteral("predictions"))) {
        throw UsageError("--predictions FILE is required");
    }
    eval::ScoreRequest request;
    request.predictions = toStd(parser.value(QStringLiteral("predictions")));
    if (metric.ground_truth == eval::GroundTruthUse::kRequired) {
        if (!parser.isSet(QStringLiteral("ground-truth"))) {
            throw UsageError("--ground-truth FILE|DIR is required for " + std::string(metric.task));
        }
        request.ground_truth = toStd(parser.value(QStringLiteral("ground-truth")));
    }
    if (metric.takes_background && parser.isSet(QStringLiteral("background"))) {
        request.background = toStd(parser.value(QStringLiteral("background")));
    }
    const auto report = metric.score(request);
    if (parser.isSet(QStringLiteral("json"))) {
        printLine(report.values.dump(2));
        return kExitOk;
    }
    for (const auto& line : report.lines) {
        printLine(line);
    }
    return kExitOk;
}

}  // namespace

int runScore(const QStringList& arguments) {
    if (arguments.isEmpty() || arguments.front() == QStringLiteral("-h") ||
        arguments.front() == QStringLiteral("--help")) {
        printTasks();
        if (arguments.isEmpty()) {
            throw UsageError("name a task: " + knownTasks());
        }
        return kExitOk;
    }
    const std::string task = toStd(arguments.front());
    if (task == "captioning") {
        return runScoreCaptioning(arguments.mid(1));
    }
    if (const auto* metric = eval::findMetric(task)) {
        return runRegisteredScore(*metric, arguments.mid(1));
    }
    throw UsageError("unknown task \"" + task + "\" (known: " + knownTasks() + ")");
}

}  // namespace actbert::cli
