#pragma once
// Every task `actbert score TASK` can score, as a descriptor table (like the CLI's command
// table): the task's name, the files it reads, the metrics it reports (with their --json keys)
// and the function that reads the files and computes them. Adding a task = one entry.
//
//   const auto* metric = eval::findMetric("segmentation");
//   eval::ScoreReport report = metric->score({.predictions = "p.json", .ground_truth = "gt/"});
//   std::cout << report.values.dump(2);
//
// Threading: the table is constant; score functions run on the calling thread.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace actbert::eval {

struct ScoreRequest {
    std::filesystem::path predictions;
    std::optional<std::filesystem::path> ground_truth;  // a file or a folder
    std::optional<std::string> background;              // segmentation's background label
};

struct ScoreReport {
    nlohmann::json values;           // the --json object, with the key names
    std::vector<std::string> lines;  // the same for people (percentages)
};

enum class GroundTruthUse { kNone, kRequired };

struct MetricDescriptor {
    const char* task;     // what follows `actbert score`
    const char* reads;    // the accepted files, one line for --help
    const char* reports;  // the metrics and their --json keys
    GroundTruthUse ground_truth;
    bool takes_background;  // --background LABEL applies
    // Throws actbert::Error naming the file for unreadable or malformed input.
    ScoreReport (*score)(const ScoreRequest& request);
};

std::span<const MetricDescriptor> metricRegistry();

// nullptr when no entry has that name.
const MetricDescriptor* findMetric(std::string_view task);

}  // namespace actbert::eval
