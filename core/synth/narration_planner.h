#pragma once
// What the narrator says and when, like real ASR: per step a sentence from varied templates
// with synonyms, spoken before, during or after the action (more misaligned when harder),
// sometimes not at all, plus unrelated chatter. Times are settled by place() once the spoken
// length of each sentence is known.
// Threading: const methods are safe from several threads.

#include <string>
#include <vector>

#include "core/synth/synth_random.h"
#include "core/synth/task_library.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

struct NarrationCandidate {
    double desired_start_s = 0.0;
    std::string text;
    int step = -1;  // index into VideoScript::steps, -1 for chatter
};

class NarrationPlanner {
public:
    explicit NarrationPlanner(const TaskLibrary& library) : library_(library) {}

    std::vector<NarrationCandidate> propose(const VideoScript& script, SynthRandom& random) const;

    // Speaks the candidates one after another without overlap (a line waits for the previous
    // one), dropping lines that would run past the end of the video. `durations_s[i]` is how
    // long candidate i takes to say.
    static std::vector<NarrationLine> place(const std::vector<NarrationCandidate>& candidates,
                                            const std::vector<double>& durations_s,
                                            double video_duration_s);

private:
    std::string stepSentence(const VideoScript& script, const ScriptStep& step, int when,
                             bool first, bool last, SynthRandom& random) const;

    const TaskLibrary& library_;
};

// ASR-style text: lower case, no punctuation (HowTo100M captions look like this).
std::string asrText(const std::string& text);

}  // namespace actbert::synth
