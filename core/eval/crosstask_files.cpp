#include "core/eval/crosstask_files.h"

#include "core/eval/score_files.h"

namespace actbert::eval {

std::map<std::string, CrossTaskTask> readCrossTaskTasks(const std::filesystem::path& path) {
    const auto lines = readTextLines(path, "ground-truth");
    std::map<std::string, CrossTaskTask> tasks;
    std::size_t i = 0;
    while (i < lines.size()) {
        if (lines[i].empty()) {
            ++i;
            continue;
        }
        const std::string where = "line " + std::to_string(i + 1) + ": ";
        if (i + 5 > lines.size()) {
            throwFileError(path, "ground-truth",
                           where + "a task needs 5 lines (id, name, URL, step count, steps)");
        }
        CrossTaskTask task;
        task.id = lines[i];
        task.name = lines[i + 1];
        long long count = 0;
        if (!parseInteger(lines[i + 3], count) || count < 1) {
            throwFileError(path, "ground-truth",
                           "line " + std::to_string(i + 4) + ": the step count of task " + task.id +
                               " is not a positive number");
        }
        task.steps = splitFields(lines[i + 4], ',');
        if (static_cast<long long>(task.steps.size()) != count) {
            throwFileError(path, "ground-truth",
                           "line " + std::to_string(i + 5) + ": task " + task.id + " lists " +
                               std::to_string(task.steps.size()) + " steps, line " +
                               std::to_string(i + 4) + " says " + lines[i + 3]);
        }
        if (!tasks.emplace(task.id, task).second) {
            throwFileError(path, "ground-truth", where + "task " + task.id + " appears twice");
        }
        i += 5;
    }
    if (tasks.empty()) {
        throwFileError(path, "ground-truth", "no task");
    }
    return tasks;
}

std::vector<StepInterval> readCrossTaskAnnotation(const std::filesystem::path& path, int steps) {
    std::vector<StepInterval> intervals;
    const auto lines = readTextLines(path, "ground-truth");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            continue;
        }
        const std::string where = "line " + std::to_string(i + 1) + ": ";
        const auto fields = splitFields(lines[i], ',');
        long long step = 0;
        StepInterval interval;
        if (fields.size() != 3 || !parseInteger(fields[0], step) ||
            !parseNumber(fields[1], interval.start_s) || !parseNumber(fields[2], interval.end_s)) {
            throwFileError(path, "ground-truth", where + "expected \"step,start,end\"");
        }
        if (step < 1 || step > steps) {
            throwFileError(
                path, "ground-truth",
                where + "step " + fields[0] + " outside the task's 1.." + std::to_string(steps));
        }
        if (interval.start_s < 0 || interval.end_s < interval.start_s) {
            throwFileError(path, "ground-truth", where + "the interval ends before it starts");
        }
        interval.step = static_cast<int>(step - 1);
        intervals.push_back(interval);
    }
    return intervals;
}

}  // namespace actbert::eval
