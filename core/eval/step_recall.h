#pragma once
// CrossTask's step localisation recall. A video's truth is Y[seconds x steps] with
// Y[floor(start):ceil(end), step] = 1 for each annotated interval (clipped to the video's
// seconds); a step is annotated when its column has a 1. A step is a hit when the second the
// assignment chose for it lies inside one of its true intervals. Recall of a task = hits /
// annotated steps, both summed over the task's videos; the reported number is the mean over
// tasks. Pure functions, any thread.

#include <map>
#include <span>
#include <string>
#include <vector>

namespace actbert::eval {

struct StepInterval {
    int step = 0;  // 0-based
    double start_s = 0.0;
    double end_s = 0.0;
};

struct LocalisationVideo {
    std::string id;
    std::string task;
    int steps = 0;                            // the task's step count K
    std::vector<std::vector<double>> scores;  // [seconds][steps], raw per-step scores
    std::vector<StepInterval> truth;
};

struct StepRecallCounts {
    int hits = 0;
    int annotated = 0;
};

// One video: the chosen second of each step (assignStepSeconds) against its intervals.
StepRecallCounts stepRecallCounts(std::span<const int> chosen_seconds,
                                  std::span<const StepInterval> truth, int seconds);

struct StepRecall {
    double recall = 0.0;                     // mean over tasks with an annotated step
    std::map<std::string, double> per_task;  // task id -> hits / annotated
    std::map<std::string, StepRecallCounts> counts;
    std::vector<std::string> unannotated_tasks;  // no annotated step: left out of the mean
};

// Decodes every video (log-softmax, assignment on -log p) and pools per task.
// Throws std::invalid_argument (naming the video) for a video shorter than its step count or
// a score row whose width is not the step count.
StepRecall stepRecall(std::span<const LocalisationVideo> videos);

}  // namespace actbert::eval
