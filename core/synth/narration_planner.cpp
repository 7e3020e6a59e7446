#include "core/synth/narration_planner.h"

#include <algorithm>
#include <cctype>

namespace actbert::synth {

namespace {

enum When { kBefore = 0, kDuring = 1, kAfter = 2 };

std::string lowerFirst(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string capitalised(std::string text) {
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

const std::vector<std::string>& chatter() {
    static const std::vector<std::string> lines = {
        "don't forget to like and subscribe",
        "this is one of my favourite things to do on a weekend",
        "my grandmother taught me this when I was little",
        "you can find the full list in the description below",
        "the weather has been really nice lately",
        "I got this one at the market last week",
        "let me know in the comments how yours turned out",
        "sorry, the phone is ringing, one second",
        "it does not have to be perfect",
        "this part is actually my favourite",
        "you can use whatever you have at home",
        "I have done this a hundred times by now",
    };
    return lines;
}

}  // namespace

std::string asrText(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '\'' || c == ' ') {
            out += static_cast<char>(std::tolower(u));
        } else if (c == '-') {
            out += ' ';
        }
    }
    return out;
}

std::string NarrationPlanner::stepSentence(const VideoScript& script, const ScriptStep& step,
                                           int when, bool first, bool last,
                                           SynthRandom& random) const {
    const Task& task = library_.tasks()[script.task_index];
    const Step& def = task.steps[step.task_step];
    const Verb& verb = library_.verb(def.verb);
    auto noun = [&](const std::string& class_name) {
        const ObjectClass& cls = library_.classes()[library_.classIndex(class_name)];
        if (!cls.synonyms.empty() && random.bernoulli(0.3)) {
            return random.pick(cls.synonyms);
        }
        return cls.words;
    };
    std::string tail;
    if (!def.target.empty()) {
        const std::string prep = def.preposition.empty()
                                     ? (verb.preposition.empty() ? "on" : verb.preposition)
                                     : def.preposition;
        tail += " " + prep + " the " + noun(def.target);
    }
    const std::string tool = library_.toolOf(def);
    if (!tool.empty() && verb.motion != Motion::Pour && random.bernoulli(0.4)) {
        tail += " with the " + noun(tool);
    }
    const std::string object = "the " + noun(def.object);
    if (when == kBefore) {
        const std::string word = !verb.synonyms.empty() && random.bernoulli(0.35)
                                     ? random.pick(verb.synonyms)
                                     : verb.name;
        std::vector<std::string> templates = {
            "now " + word + " " + object + tail,
            "next we " + word + " " + object + tail,
            "let's " + word + " " + object + tail,
            "I'm going to " + word + " " + object + tail,
            "you want to " + word + " " + object + tail,
            "okay so " + word + " " + object + tail,
            "then just " + word + " " + object + tail,
            "go ahead and " + word + " " + object + tail,
        };
        if (first) {
            templates.push_back("first " + word + " " + object + tail);
        }
        if (last) {
            templates.push_back("and finally " + word + " " + object + tail);
        }
        return random.pick(templates);
    }
    if (when == kDuring) {
        const std::vector<std::string> templates = {
            "I'm " + verb.gerund + " " + object + tail,
            "we are " + verb.gerund + " " + object + tail + " now",
            "here I am " + verb.gerund + " " + object + tail,
            "just keep " + verb.gerund + " " + object,
        };
        return random.pick(templates);
    }
    const std::vector<std::string> templates = {
        "so I " + verb.past + " " + object + tail,
        "there, I " + verb.past + " " + object + tail,
        "now that we " + verb.past + " " + object + tail + ", it looks good",
        "as you can see I " + verb.past + " " + object + tail,
    };
    return random.pick(templates);
}

std::vector<NarrationCandidate> NarrationPlanner::propose(const VideoScript& script,
                                                          SynthRandom& random) const {
    const double d = script.difficulty;
    const double fps = script.fps;
    const Task& task = library_.tasks()[script.task_index];
    std::vector<NarrationCandidate> out;
    if (random.bernoulli(0.75)) {
        const std::vector<std::string> intros = {
            "hi everyone, today I will show you how to " + lowerFirst(task.name),
            "welcome back, in this video we " + lowerFirst(task.name),
            "hello, let's " + lowerFirst(task.name) + " together",
        };
        out.push_back({0.2, random.pick(intros), -1});
    }
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        const ScriptStep& step = script.steps[i];
        const double start_s = step.start_frame / fps;
        const double end_s = step.end_frame / fps;
        const double missing = 0.06 + 0.35 * d;
        if (!random.bernoulli(missing)) {
            const int when =
                static_cast<int>(random.weightedIndex({0.6 - 0.2 * d, 0.25, 0.15 + 0.2 * d}));
            double at = start_s;
            if (when == kBefore) {
                at = start_s - random.uniform(0.2, 1.2 + 2.5 * d);
            } else if (when == kDuring) {
                at = start_s + random.uniform(0.0, 0.4) * (end_s - start_s);
            } else {
                at = end_s + random.uniform(0.0, 0.8 + 2.0 * d);
            }
            at += random.normal(0.0, 0.1 + 1.0 * d);
            out.push_back(
                {std::max(0.0, at),
                 stepSentence(script, step, when, i == 0, i + 1 == script.steps.size(), random),
                 static_cast<int>(i)});
        }
        // Chatter in the pause after the step.
        if (random.bernoulli(0.1 + 0.45 * d)) {
            out.push_back({end_s + random.uniform(0.0, 1.0), random.pick(chatter()), -1});
        }
    }
    if (random.bernoulli(0.5)) {
        const double end_s = script.steps.empty() ? 0.0 : script.steps.back().end_frame / fps;
        out.push_back({end_s + 0.1, "and that's it, thanks for watching", -1});
    }
    for (auto& line : out) {
        line.text = capitalised(line.text);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const NarrationCandidate& a, const NarrationCandidate& b) {
                         return a.desired_start_s < b.desired_start_s;
                     });
    return out;
}

std::vector<NarrationLine> NarrationPlanner::place(
    const std::vector<NarrationCandidate>& candidates, const std::vector<double>& durations_s,
    double video_duration_s) {
    std::vector<NarrationLine> lines;
    double free_from_s = 0.0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const double start_s = std::max(candidates[i].desired_start_s, free_from_s);
        const double end_s = start_s + durations_s[i];
        if (end_s > video_duration_s - 0.05 || durations_s[i] <= 0.0) {
            continue;
        }
        // Millisecond times: what SRT and the CSV files can express exactly.
        NarrationLine line;
        line.start_s = static_cast<double>(static_cast<long long>(start_s * 1000.0 + 0.5)) / 1000.0;
        line.end_s = static_cast<double>(static_cast<long long>(end_s * 1000.0 + 0.5)) / 1000.0;
        line.text = candidates[i].text;
        line.step = candidates[i].step;
        lines.push_back(line);
        free_from_s = end_s + 0.25;
    }
    return lines;
}

}  // namespace actbert::synth
