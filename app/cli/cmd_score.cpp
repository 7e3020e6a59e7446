// actbert score TASK ...: metrics of a task's predictions against its ground truth, as the
// task's benchmark defines them. Captioning has its own options (cmd_score_captioning.cpp);
// every other task is one row of core/eval's metric registry, turned into a subcommand here.

#include <string>
#include <vector>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_command.h"
#include "app/cli/cli_support.h"
#include "core/eval/metric_registry.h"

namespace actbert::cli {

const CliCommand& scoreCaptioningCommand();

namespace {

// The subcommand's name is the registry's task name, so one run function serves every row.
int runRegisteredScore(const CliArguments& arguments) {
    const auto* metric = eval::findMetric(arguments.command().name);
    if (metric == nullptr) {
        throw UsageError("unknown task \"" + arguments.command().name + "\"");
    }
    eval::ScoreRequest request;
    request.predictions = arguments.text("predictions");
    if (metric->ground_truth == eval::GroundTruthUse::kRequired) {
        request.ground_truth = arguments.text("ground-truth");
    }
    if (metric->takes_background && arguments.isSet("background")) {
        request.background = arguments.text("background");
    }
    const auto report = metric->score(request);
    if (arguments.isSet("json")) {
        printLine(report.values.dump(2));
        return kExitOk;
    }
    for (const auto& line : report.lines) {
        printLine(line);
    }
    return kExitOk;
}

std::vector<CliOption> registeredOptions(const eval::MetricDescriptor& metric) {
    std::vector<CliOption> options{
        textOption("predictions", "FILE", "The predictions (formats above).").require()};
    if (metric.ground_truth == eval::GroundTruthUse::kRequired) {
        options.push_back(
            textOption("ground-truth", "FILE|DIR", "The benchmark's ground truth (file or folder).")
                .require());
    }
    if (metric.takes_background) {
        options.push_back(textOption("background", "LABEL",
                                     "The background label (default \"background\"; '' for "
                                     "none): counted by frame accuracy, no segment for the "
                                     "edit score and F1."));
    }
    options.push_back(
        flagOption("json", std::string("Print one JSON object: ") + metric.reports + "."));
    return options;
}

std::string registeredUsage(const eval::MetricDescriptor& metric) {
    std::string usage = std::string("score ") + metric.task + " --predictions FILE";
    if (metric.ground_truth == eval::GroundTruthUse::kRequired) {
        usage += " --ground-truth FILE|DIR";
    }
    if (metric.takes_background) {
        usage += " [--background LABEL]";
    }
    return usage + " [--json]";
}

// Built once from the registry; the option lists live as long as the commands that view them.
struct ScoreTasks {
    std::vector<std::vector<CliOption>> options;
    std::vector<CliCommand> commands;

    ScoreTasks() {
        const auto registry = eval::metricRegistry();
        options.reserve(registry.size());
        commands.push_back(scoreCaptioningCommand());
        for (const auto& metric : registry) {
            options.push_back(registeredOptions(metric));
            commands.push_back(CliCommand{
                .name = metric.task,
                .summary = metric.reports,
                .usage = registeredUsage(metric),
                .options = options.back(),
                .run = runRegisteredScore,
                .description =
                    std::string("Reads ") + metric.reads + ". Formats: docs/prediction-formats.md.",
            });
        }
    }
};

}  // namespace

const CliCommand& scoreCommand() {
    static const ScoreTasks tasks;
    static const CliCommand command{
        .name = "score",
        .summary =
            "Metrics of a task's predictions against ground truth (captioning, retrieval, "
            "segmentation, localisation, qa)",
        .subcommands = tasks.commands,
    };
    return command;
}

}  // namespace actbert::cli
