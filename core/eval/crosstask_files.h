#pragma once
// CrossTask's annotation layout (DmZhukov/CrossTask): tasks_primary.txt lists each task as
// five lines (task id, name, URL, number of steps, comma-separated step names) and a blank
// line; annotations/<task>_<video>.csv holds rows "step,start,end" (step 1-based, seconds).
// Errors are actbert::Error naming the file and line. Any thread.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/eval/step_recall.h"

namespace actbert::eval {

struct CrossTaskTask {
    std::string id;
    std::string name;
    std::vector<std::string> steps;
};

std::map<std::string, CrossTaskTask> readCrossTaskTasks(const std::filesystem::path& path);

// Steps of the returned intervals are 0-based; `steps` bounds the step numbers.
std::vector<StepInterval> readCrossTaskAnnotation(const std::filesystem::path& path, int steps);

}  // namespace actbert::eval
