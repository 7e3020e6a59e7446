#pragma once
// The studio's demo: a synthetic data set plus a project holding its videos and their ground
// truth (COIN steps and SRT narration), made once in a folder and reused from then on.
// Layout: the generator's files (dataset_generator.h) and `demo.actbert` at the top. The
// project file is moved into place last, so its presence means the demo is complete.
// Threading: runs on the calling thread (a worker: generation takes a while); cancel from any
// thread through the token. The returned project file may then be opened on any thread.

#include <filesystem>
#include <vector>

#include "core/common/progress.h"

namespace actbert::synth {

struct DemoProject {
    std::filesystem::path project_path;
    std::vector<std::filesystem::path> video_paths;  // in key order
    bool generated = false;                          // false: an existing demo was reused
};

// Reuses `dir`'s demo when its project exists, otherwise generates 3 videos (seed 1, default
// size) and builds the project. Throws actbert::Error (generation, import, I/O) or
// actbert::Cancelled; a failed or cancelled run leaves no project file behind.
DemoProject prepareDemoProject(const std::filesystem::path& dir, const ProgressFn& progress,
                               const CancelToken& cancel);

}  // namespace actbert::synth
