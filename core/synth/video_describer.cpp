#include "core/synth/video_describer.h"

#include <algorithm>
#include <cctype>

namespace actbert::synth {

std::string VideoDescriber::sentence(const Task& task,
                                     const std::vector<std::string>& captions) const {
    std::string name = task.name;
    if (!name.empty()) {
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    }
    std::string text = "a person shows how to " + name;
    for (std::size_t i = 0; i < captions.size(); ++i) {
        text += (i == 0 ? ": they " : (i + 1 == captions.size() ? " and " : ", ")) + captions[i];
    }
    return text;
}

std::string VideoDescriber::describe(const VideoScript& script) const {
    // The first three steps, in the order they happen.
    std::vector<std::string> captions;
    for (std::size_t i = 0; i < script.steps.size() && i < 3; ++i) {
        captions.push_back(script.steps[i].caption);
    }
    return sentence(library_.tasks()[script.task_index], captions);
}

MultipleChoice VideoDescriber::question(const VideoScript& script, SynthRandom& random) const {
    std::vector<std::size_t> others;
    for (std::size_t t = 0; t < library_.tasks().size(); ++t) {
        if (t != script.task_index) {
            others.push_back(t);
        }
    }
    random.shuffle(others);
    MultipleChoice choice;
    for (std::size_t k = 0; k < 4 && k < others.size(); ++k) {
        const Task& task = library_.tasks()[others[k]];
        std::vector<std::string> captions;
        for (std::size_t s = 0; s < task.steps.size() && captions.size() < 3; ++s) {
            if (!task.steps[s].optional || random.bernoulli(0.5)) {
                captions.push_back(library_.stepCaption(task.steps[s]));
            }
        }
        choice.candidates.push_back(sentence(task, captions));
    }
    choice.answer =
        static_cast<int>(random.uniformInt(0, static_cast<std::int64_t>(choice.candidates.size())));
    choice.candidates.insert(choice.candidates.begin() + choice.answer, describe(script));
    return choice;
}

}  // namespace actbert::synth
