#pragma once
// Plans one video of a task: picks the optional steps and an order allowed by the task's partial
// order, lays the objects out on the table, times every step and idle stretch in frames and
// works out what each step changes. Narration is planned separately (NarrationPlanner) because
// its timing depends on how long the spoken sentences are.
// Threading: const methods are safe from several threads.

#include <cstdint>
#include <string>

#include "core/synth/synth_settings.h"
#include "core/synth/task_library.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

class ScriptPlanner {
public:
    explicit ScriptPlanner(const TaskLibrary& library) : library_(library) {}

    VideoScript plan(std::size_t task_index, const std::string& video_id, std::uint64_t seed,
                     const SynthSettings& settings) const;

private:
    const TaskLibrary& library_;
};

}  // namespace actbert::synth
