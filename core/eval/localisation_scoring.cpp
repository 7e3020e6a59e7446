#include "core/eval/localisation_scoring.h"

#include <cmath>
#include <map>
#include <stdexcept>

#include "core/eval/crosstask_files.h"
#include "core/eval/score_files.h"
#include "core/eval/step_recall.h"

namespace actbert::eval {

namespace {

struct PredictedVideo {
    std::string task;
    std::vector<std::vector<double>> scores;  // [seconds][steps]
};

// {"videos": {"ID": {"task": "T", "scores": [[one score per step] per second]}}}
std::map<std::string, PredictedVideo> readPredictions(const std::filesystem::path& path) {
    const auto json = readJsonFile(path, "predictions");
    if (!json.is_object() || !json.contains("videos") || !json["videos"].is_object()) {
        throwFileError(path, "predictions",
                       "expected {\"videos\": {\"ID\": {\"task\": ..., \"scores\": [[...]]}}}");
    }
    std::map<std::string, PredictedVideo> videos;
    for (const auto& [id, entry] : json["videos"].items()) {
        const std::string where = "video \"" + id + "\": ";
        if (!entry.is_object() || !entry.contains("task") || !entry.contains("scores") ||
            !entry["scores"].is_array()) {
            throwFileError(path, "predictions", where + "needs \"task\" and \"scores\"");
        }
        PredictedVideo video;
        video.task =
            entry["task"].is_string() ? entry["task"].get<std::string>() : entry["task"].dump();
        for (const auto& second : entry["scores"]) {
            if (!second.is_array()) {
                throwFileError(path, "predictions", where + "a second's scores are not a list");
            }
            std::vector<double> row;
            for (const auto& value : second) {
                if (!value.is_number() || !std::isfinite(value.get<double>())) {
                    throwFileError(path, "predictions", where + "a score is not a number");
                }
                row.push_back(value.get<double>());
            }
            video.scores.push_back(std::move(row));
        }
        videos[id] = std::move(video);
    }
    if (videos.empty()) {
        throwFileError(path, "predictions", "no video");
    }
    return videos;
}

struct TruthVideo {
    std::string task;
    int steps = 0;
    std::vector<StepInterval> intervals;
};

// CrossTask's folder: the step count from tasks_primary.txt, the intervals from
// annotations/<task>_<video>.csv.
TruthVideo crossTaskTruth(const std::filesystem::path& folder,
                          const std::map<std::string, CrossTaskTask>& tasks, const std::string& id,
                          const std::string& task) {
    const auto found = tasks.find(task);
    if (found == tasks.end()) {
        throwFileError(
            folder / "tasks_primary.txt", "ground-truth",
            "no task \"" + task + "\" (named by the predictions for video \"" + id + "\")");
    }
    const auto path = folder / "annotations" / (task + "_" + id + ".csv");
    if (!std::filesystem::is_regular_file(path)) {
        throwFileError(path, "ground-truth", "missing (the predictions name video \"" + id + "\")");
    }
    const int steps = static_cast<int>(found->second.steps.size());
    return {task, steps, readCrossTaskAnnotation(path, steps)};
}

// {"videos": {"ID": {"task", "duration_s", "steps": [[step (1-based), start_s, end_s]],
// "num_steps"}}}; without num_steps the count comes from a tasks_primary.txt beside the file.
std::map<std::string, TruthVideo> readTruthJson(const std::filesystem::path& path) {
    const auto json = readJsonFile(path, "ground-truth");
    if (!json.is_object() || !json.contains("videos") || !json["videos"].is_object()) {
        throwFileError(path, "ground-truth",
                       "expected {\"videos\": {\"ID\": {\"task\", \"duration_s\", \"steps\"}}}");
    }
    std::map<std::string, CrossTaskTask> tasks;
    const auto tasks_path = path.parent_path() / "tasks_primary.txt";
    const bool have_tasks = std::filesystem::is_regular_file(tasks_path);
    if (have_tasks) {
        tasks = readCrossTaskTasks(tasks_path);
    }
    std::map<std::string, TruthVideo> videos;
    for (const auto& [id, entry] : json["videos"].items()) {
        const std::string where = "video \"" + id + "\": ";
        if (!entry.is_object() || !entry.contains("task") || !entry.contains("duration_s") ||
            !entry["duration_s"].is_number() || !entry.contains("steps") ||
            !entry["steps"].is_array()) {
            throwFileError(path, "ground-truth",
                           where + "needs \"task\", \"duration_s\" (a number) and \"steps\"");
        }
        TruthVideo video;
        video.task =
            entry["task"].is_string() ? entry["task"].get<std::string>() : entry["task"].dump();
        if (entry.contains("num_steps")) {
            if (!entry["num_steps"].is_number_integer() || entry["num_steps"].get<int>() < 1) {
                throwFileError(path, "ground-truth",
                               where + "\"num_steps\" is not a positive integer");
            }
            video.steps = entry["num_steps"].get<int>();
        } else if (have_tasks && tasks.count(video.task)) {
            video.steps = static_cast<int>(tasks.at(video.task).steps.size());
        } else {
            throwFileError(path, "ground-truth",
                           where +
                               "no step count: give \"num_steps\" or put a tasks_primary.txt "
                               "listing task \"" +
                               video.task + "\" next to the file");
        }
        const double duration_s = entry["duration_s"].get<double>();
        for (const auto& step : entry["steps"]) {
            if (!step.is_array() || step.size() != 3 || !step[0].is_number_integer() ||
                !step[1].is_number() || !step[2].is_number()) {
                throwFileError(path, "ground-truth",
                               where + "a step is not [step (1-based), start_s, end_s]");
            }
            StepInterval interval{step[0].get<int>() - 1, step[1].get<double>(),
                                  step[2].get<double>()};
            if (interval.step < 0 || interval.step >= video.steps) {
                throwFileError(path, "ground-truth",
                               where + "step " + std::to_string(interval.step + 1) +
                                   " outside 1.." + std::to_string(video.steps));
            }
            if (interval.start_s < 0 || interval.end_s < interval.start_s ||
                interval.end_s > duration_s) {
                throwFileError(path, "ground-truth",
                               where + "an interval is not inside [0, duration_s] in order");
            }
            video.intervals.push_back(interval);
        }
        videos[id] = std::move(video);
    }
    return videos;
}

}  // namespace

ScoreReport scoreLocalisation(const ScoreRequest& request) {
    const auto predictions = readPredictions(request.predictions);
    const auto& truth_path = *request.ground_truth;
    std::map<std::string, TruthVideo> truth;
    if (std::filesystem::is_directory(truth_path)) {
        const auto tasks = readCrossTaskTasks(truth_path / "tasks_primary.txt");
        for (const auto& [id, video] : predictions) {
            truth[id] = crossTaskTruth(truth_path, tasks, id, video.task);
        }
    } else {
        truth = readTruthJson(truth_path);
        for (const auto& [id, video] : truth) {
            if (!predictions.count(id)) {
                throwFileError(request.predictions, "predictions",
                               "no scores for video \"" + id + "\" of " + truth_path.string());
            }
        }
    }
    std::vector<LocalisationVideo> videos;
    for (const auto& [id, predicted] : predictions) {
        const auto found = truth.find(id);
        if (found == truth.end()) {
            throwFileError(request.predictions, "predictions",
                           "video \"" + id + "\" is not in " + truth_path.string());
        }
        if (found->second.task != predicted.task) {
            throwFileError(request.predictions, "predictions",
                           "video \"" + id + "\" is of task " + found->second.task + " in " +
                               truth_path.string() + ", not " + predicted.task);
        }
        videos.push_back(
            {id, predicted.task, found->second.steps, predicted.scores, found->second.intervals});
    }
    StepRecall recall;
    try {
        recall = stepRecall(videos);
    } catch (const std::invalid_argument& error) {
        throwFileError(request.predictions, "predictions", error.what());
    }
    if (recall.per_task.empty()) {
        throwFileError(truth_path, "ground-truth", "no annotated step in any scored video");
    }
    ScoreReport report;
    report.values = {
        {"recall", recall.recall}, {"recall_per_task", recall.per_task}, {"videos", videos.size()}};
    report.lines = {std::to_string(videos.size()) + " videos of " +
                    std::to_string(recall.counts.size()) + " tasks (CrossTask recall)"};
    for (const auto& [task, value] : recall.per_task) {
        const auto& counts = recall.counts.at(task);
        report.lines.push_back("  task " + task + "  " + formatFixed(100 * value, 2) + "  (" +
                               std::to_string(counts.hits) + " of " +
                               std::to_string(counts.annotated) + " steps)");
    }
    for (const auto& task : recall.unannotated_tasks) {
        report.lines.push_back("  task " + task + "  no annotated step: left out of the mean");
    }
    report.lines.push_back("  recall (mean over tasks)  " + formatFixed(100 * recall.recall, 2));
    return report;
}

}  // namespace actbert::eval
