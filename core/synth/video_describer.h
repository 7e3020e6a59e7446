#pragma once
// Video-level text: a one-sentence description (the retrieval query and the correct answer of
// the multiple-choice question) and four wrong candidates drawn from other tasks.
// Threading: const methods are safe from several threads.

#include <string>
#include <vector>

#include "core/synth/synth_random.h"
#include "core/synth/task_library.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

struct MultipleChoice {
    std::vector<std::string> candidates;  // five sentences
    int answer = 0;                       // index of the right one
};

class VideoDescriber {
public:
    explicit VideoDescriber(const TaskLibrary& library) : library_(library) {}

    std::string describe(const VideoScript& script) const;
    MultipleChoice question(const VideoScript& script, SynthRandom& random) const;

private:
    std::string sentence(const Task& task, const std::vector<std::string>& captions) const;

    const TaskLibrary& library_;
};

}  // namespace actbert::synth
