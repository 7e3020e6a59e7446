#include "core/synth/task_library.h"

#include <stdexcept>

namespace actbert::synth {

TaskLibrary::TaskLibrary(std::vector<ObjectClass> classes, std::vector<Verb> verbs,
                         std::vector<Task> tasks)
    : classes_(std::move(classes)), verbs_(std::move(verbs)), tasks_(std::move(tasks)) {
    // Global step ids in library order, COIN-style (every task's steps are distinct labels).
    int next_id = 1;
    for (auto& task : tasks_) {
        task.step_ids.clear();
        for (std::size_t i = 0; i < task.steps.size(); ++i) {
            task.step_ids.push_back(next_id++);
        }
    }
    step_count_ = next_id - 1;
    validate();
}

void TaskLibrary::validate() const {
    for (const auto& task : tasks_) {
        for (std::size_t i = 0; i < task.steps.size(); ++i) {
            const Step& step = task.steps[i];
            const std::string where = "task " + task.key + " step " + std::to_string(i);
            try {
                verb(step.verb);
                classIndex(step.object);
                if (!step.target.empty()) {
                    classIndex(step.target);
                }
                if (!toolOf(step).empty()) {
                    classIndex(toolOf(step));
                }
            } catch (const std::out_of_range& error) {
                throw std::logic_error(where + ": " + error.what());
            }
            // Prerequisites point backwards, which also rules out cycles.
            for (const int before : step.after) {
                if (before < 0 || static_cast<std::size_t>(before) >= i) {
                    throw std::logic_error(where + ": prerequisite must be an earlier step");
                }
            }
        }
    }
}

std::optional<std::size_t> TaskLibrary::findTask(const std::string& key) const {
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
        if (tasks_[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

const Verb& TaskLibrary::verb(const std::string& name) const {
    for (const auto& verb : verbs_) {
        if (verb.name == name) {
            return verb;
        }
    }
    throw std::out_of_range("unknown verb '" + name + "'");
}

std::size_t TaskLibrary::classIndex(const std::string& name) const {
    for (std::size_t i = 0; i < classes_.size(); ++i) {
        if (classes_[i].name == name) {
            return i;
        }
    }
    throw std::out_of_range("unknown object class '" + name + "'");
}

std::string TaskLibrary::toolOf(const Step& step) const {
    return step.tool.empty() ? verb(step.verb).default_tool : step.tool;
}

namespace {

std::string prepositionOf(const Step& step, const Verb& verb) {
    if (!step.preposition.empty()) {
        return step.preposition;
    }
    return verb.preposition.empty() ? "on" : verb.preposition;
}

}  // namespace

std::string TaskLibrary::stepLabel(const Step& step) const {
    const Verb& v = verb(step.verb);
    std::string label = v.name + " " + classes_[classIndex(step.object)].words;
    if (!step.target.empty()) {
        label += " " + prepositionOf(step, v) + " " + classes_[classIndex(step.target)].words;
    }
    return label;
}

std::string TaskLibrary::stepCaption(const Step& step) const {
    const Verb& v = verb(step.verb);
    std::string caption = v.name + " the " + classes_[classIndex(step.object)].words;
    if (!step.target.empty()) {
        caption += " " + prepositionOf(step, v) + " the " + classes_[classIndex(step.target)].words;
    }
    const std::string tool = toolOf(step);
    if (!tool.empty() && v.motion != Motion::Pour) {
        caption += " with the " + classes_[classIndex(tool)].words;
    }
    return caption;
}

std::pair<std::size_t, std::size_t> TaskLibrary::locateStep(int step_id) const {
    for (std::size_t t = 0; t < tasks_.size(); ++t) {
        for (std::size_t s = 0; s < tasks_[t].step_ids.size(); ++s) {
            if (tasks_[t].step_ids[s] == step_id) {
                return {t, s};
            }
        }
    }
    throw std::out_of_range("unknown step id " + std::to_string(step_id));
}

}  // namespace actbert::synth
