#include "core/synth/script_planner.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/synth/synth_random.h"

namespace actbert::synth {

namespace {

// Typical length of each motion in seconds (before random stretching).
double baseDuration_s(Motion motion) {
    switch (motion) {
        case Motion::Chop:
        case Motion::Pour:
        case Motion::Stir:
        case Motion::Peel:
        case Motion::Spread:
        case Motion::Wipe:
            return 3.4;
        case Motion::Wash:
        case Motion::Twist:
        case Motion::Sprinkle:
        case Motion::Roll:
            return 3.0;
        case Motion::Place:
        case Motion::Press:
        case Motion::Fold:
        case Motion::Shake:
        case Motion::Insert:
        case Motion::Flip:
            return 2.6;
        case Motion::Remove:
        case Motion::Open:
        case Motion::Close:
            return 2.2;
    }
    return 3.0;
}

bool isContainer(Shape shape) {
    return shape == Shape::Bowl || shape == Shape::Cup || shape == Shape::Jar ||
           shape == Shape::Bottle || shape == Shape::Flat;
}

// Chooses the optional steps and a random order consistent with the prerequisites.
std::vector<std::size_t> chooseSteps(const Task& task, SynthRandom& random) {
    std::vector<bool> present(task.steps.size());
    for (std::size_t i = 0; i < task.steps.size(); ++i) {
        present[i] = !task.steps[i].optional || random.bernoulli(0.5);
    }
    std::vector<bool> done(task.steps.size(), false);
    std::vector<std::size_t> order;
    for (;;) {
        std::vector<std::size_t> ready;
        for (std::size_t i = 0; i < task.steps.size(); ++i) {
            if (!present[i] || done[i]) {
                continue;
            }
            const bool free =
                std::all_of(task.steps[i].after.begin(), task.steps[i].after.end(),
                            [&](int before) { return !present[before] || done[before]; });
            if (free) {
                ready.push_back(i);
            }
        }
        if (ready.empty()) {
            break;
        }
        // Mostly the listed order (how people usually do it), sometimes another allowed one.
        const std::size_t chosen = random.bernoulli(0.6) ? ready.front() : random.pick(ready);
        done[chosen] = true;
        order.push_back(chosen);
    }
    return order;
}

}  // namespace

VideoScript ScriptPlanner::plan(std::size_t task_index, const std::string& video_id,
                                std::uint64_t seed, const SynthSettings& settings) const {
    SynthRandom random(seed);
    const Task& task = library_.tasks().at(task_index);
    const double d = settings.difficulty;
    const double w = settings.width;
    const double h = settings.height;

    VideoScript script;
    script.video_id = video_id;
    script.task_index = task_index;
    script.seed = seed;
    script.difficulty = d;
    script.width = settings.width;
    script.height = settings.height;
    script.fps = settings.fps;
    script.shake_px = (0.6 + 3.0 * d) * h / 240.0;
    script.light_amplitude = 0.04 + 0.16 * d;
    script.noise_sigma = 1.5 + 9.0 * d;
    script.hand_rest_x = w * random.uniform(0.88, 1.02);
    script.hand_rest_y = h * random.uniform(1.0, 1.1);

    const std::vector<std::size_t> order = chooseSteps(task, random);

    // Scene objects: every class the chosen steps mention (one instance per class), then
    // distractors from classes the task does not use.
    std::map<std::string, int> index_of;
    auto addObject = [&](const std::string& name, ObjectRole role) {
        if (name.empty() || index_of.count(name)) {
            return;
        }
        SceneObject object;
        object.class_index = library_.classIndex(name);
        object.role = role;
        const ObjectClass& cls = library_.classes()[object.class_index];
        const double size = random.uniform(0.9, 1.1);
        object.width_px = cls.width_h * h * size;
        object.height_px = cls.height_h * h * size;
        object.texture_seed = random.next();
        index_of[name] = static_cast<int>(script.objects.size());
        script.objects.push_back(object);
    };
    for (const std::size_t s : order) {
        const Step& step = task.steps[s];
        addObject(step.target, ObjectRole::Task);
        addObject(step.object, ObjectRole::Task);
        addObject(library_.toolOf(step), ObjectRole::Task);
    }
    const int distractors = static_cast<int>(random.uniformInt(0, 1 + std::lround(4.0 * d)));
    std::vector<std::string> spare;
    for (const auto& cls : library_.classes()) {
        if (cls.shape != Shape::Hand && !index_of.count(cls.name)) {
            spare.push_back(cls.name);
        }
    }
    random.shuffle(spare);
    for (int i = 0; i < distractors && i < static_cast<int>(spare.size()); ++i) {
        addObject(spare[static_cast<std::size_t>(i)], ObjectRole::Distractor);
    }

    // Layout: biggest objects first, each at the best of a few random spots on the table (the
    // one overlapping the objects already placed least), so things rarely pile up.
    std::vector<std::size_t> by_size(script.objects.size());
    for (std::size_t i = 0; i < by_size.size(); ++i) {
        by_size[i] = i;
    }
    std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
        return script.objects[a].width_px * script.objects[a].height_px >
               script.objects[b].width_px * script.objects[b].height_px;
    });
    std::vector<std::size_t> placed;
    for (const std::size_t i : by_size) {
        SceneObject& object = script.objects[i];
        const double half_w = object.width_px / 2;
        const double half_h = object.height_px / 2;
        double best_overlap = -1.0;
        for (int attempt = 0; attempt < 24; ++attempt) {
            const double x =
                random.uniform(0.06 * w + half_w, std::max(0.06 * w + half_w, 0.94 * w - half_w));
            const double y = random.uniform(0.56 * h + half_h * 0.3,
                                            std::max(0.56 * h + half_h * 0.3, 0.95 * h - half_h));
            double overlap = 0.0;
            for (const std::size_t j : placed) {
                const SceneObject& other = script.objects[j];
                const double ox = std::min(x + half_w, other.initial.x + other.width_px / 2) -
                                  std::max(x - half_w, other.initial.x - other.width_px / 2);
                const double oy = std::min(y + half_h, other.initial.y + other.height_px / 2) -
                                  std::max(y - half_h, other.initial.y - other.height_px / 2);
                overlap += std::max(0.0, ox) * std::max(0.0, oy);
            }
            if (best_overlap < 0.0 || overlap < best_overlap) {
                best_overlap = overlap;
                object.initial.x = x;
                object.initial.y = y;
            }
            if (overlap == 0.0) {
                break;
            }
        }
        placed.push_back(i);
    }

    // Start states that follow from the first steps: an object first *removed from* something
    // starts in it; a lid first *closed* starts open.
    for (const std::size_t s : order) {
        const Step& step = task.steps[s];
        const Verb& verb = library_.verb(step.verb);
        SceneObject& object = script.objects[static_cast<std::size_t>(index_of[step.object])];
        if (verb.motion == Motion::Remove && !step.target.empty() && object.initial.parent < 0) {
            const int parent = index_of[step.target];
            const ObjectState& p = script.objects[static_cast<std::size_t>(parent)].initial;
            object.initial.x = p.x;
            object.initial.y =
                p.y - script.objects[static_cast<std::size_t>(parent)].height_px * 0.25;
            object.initial.parent = parent;
        }
    }
    for (auto& object : script.objects) {
        for (const std::size_t s : order) {
            const Step& step = task.steps[s];
            if (&script.objects[static_cast<std::size_t>(index_of[step.object])] != &object) {
                continue;
            }
            const Motion motion = library_.verb(step.verb).motion;
            if (motion == Motion::Open || motion == Motion::Close) {
                object.initial.lid_open = motion == Motion::Close ? 1.0 : 0.0;
                break;
            }
        }
    }

    // Timing and effects.
    std::vector<ObjectState> state;
    for (const auto& object : script.objects) {
        state.push_back(object.initial);
    }
    const double fps = settings.fps;
    int frame = static_cast<int>(std::lround(fps * random.uniform(0.8, 2.0)));
    int parking = 0;
    for (const std::size_t s : order) {
        const Step& step = task.steps[s];
        const Verb& verb = library_.verb(step.verb);
        ScriptStep planned;
        planned.task_step = s;
        planned.step_id = task.step_ids[s];
        planned.motion = verb.motion;
        planned.object = index_of[step.object];
        planned.target = step.target.empty() ? -1 : index_of[step.target];
        const std::string tool = library_.toolOf(step);
        planned.tool = tool.empty() ? -1 : index_of[tool];
        planned.seed = random.next();
        planned.label = library_.stepLabel(step);
        planned.caption = library_.stepCaption(step);
        const double duration_s = baseDuration_s(verb.motion) * random.uniform(0.8, 1.35);
        planned.start_frame = frame;
        planned.end_frame = frame + std::max(3, static_cast<int>(std::lround(duration_s * fps)));
        planned.before = state;

        auto& obj = state[static_cast<std::size_t>(planned.object)];
        const SceneObject& scene_obj = script.objects[static_cast<std::size_t>(planned.object)];
        auto moveTo = [&](int moved, double x, double y) {
            auto& m = state[static_cast<std::size_t>(moved)];
            const double dx = x - m.x;
            const double dy = y - m.y;
            for (auto& other : state) {
                if (other.parent == moved) {
                    other.x += dx;
                    other.y += dy;
                }
            }
            m.x = x;
            m.y = y;
        };
        switch (verb.motion) {
            case Motion::Chop:
                obj.split = true;
                break;
            case Motion::Pour: {
                const int source = planned.target >= 0 ? planned.object : planned.tool;
                const int destination = planned.target >= 0 ? planned.target : planned.object;
                auto& dest = state[static_cast<std::size_t>(destination)];
                const auto& dest_cls =
                    library_.classes()[script.objects[static_cast<std::size_t>(destination)]
                                           .class_index];
                const auto& source_cls =
                    library_
                        .classes()[script.objects[static_cast<std::size_t>(source)].class_index];
                if (isContainer(dest_cls.shape)) {
                    dest.fill = std::min(1.0, dest.fill + 0.45);
                    const auto& source_state = state[static_cast<std::size_t>(source)];
                    dest.fill_colour =
                        source_state.fill > 0.0 ? source_state.fill_colour : source_cls.primary;
                }
                break;
            }
            case Motion::Place: {
                const auto& target = state[static_cast<std::size_t>(planned.target)];
                const auto& target_obj = script.objects[static_cast<std::size_t>(planned.target)];
                moveTo(planned.object, target.x + random.uniform(-0.15, 0.15) * target_obj.width_px,
                       target.y - target_obj.height_px * 0.3);
                obj.parent = planned.target;
                obj.inside = false;
                obj.scale_x = obj.scale_y = 0.8;
                break;
            }
            case Motion::Remove: {
                const double side = (parking++ % 2 == 0) ? 0.07 : 0.93;
                moveTo(planned.object, w * side, h * (0.52 + 0.1 * (parking / 2 % 3)));
                obj.parent = -1;
                obj.inside = false;
                obj.scale_x = obj.scale_y = 1.0;
                break;
            }
            case Motion::Peel:
                obj.other_side = true;
                break;
            case Motion::Spread: {
                const int surface = planned.target >= 0 ? planned.target : planned.object;
                auto& surface_state = state[static_cast<std::size_t>(surface)];
                surface_state.layer = 1.0;
                const std::size_t colour_from = static_cast<std::size_t>(
                    planned.target >= 0 ? planned.object : std::max(planned.tool, 0));
                const auto& cls = library_.classes()[script.objects[colour_from].class_index];
                surface_state.layer_colour = planned.target >= 0 ? cls.primary : cls.secondary;
                break;
            }
            case Motion::Open:
                obj.lid_open = 1.0;
                break;
            case Motion::Close:
                obj.lid_open = 0.0;
                break;
            case Motion::Press:
                obj.scale_y *= 0.85;
                break;
            case Motion::Fold:
                obj.scale_x *= 0.6;
                break;
            case Motion::Roll:
                obj.scale_x *= 1.2;
                obj.scale_y *= 0.75;
                break;
            case Motion::Insert: {
                const auto& target = state[static_cast<std::size_t>(planned.target)];
                moveTo(planned.object, target.x, target.y - scene_obj.height_px * 0.1);
                obj.parent = planned.target;
                obj.inside = true;
                break;
            }
            case Motion::Flip:
                obj.other_side = !obj.other_side;
                break;
            case Motion::Stir:
            case Motion::Wash:
            case Motion::Twist:
            case Motion::Sprinkle:
            case Motion::Wipe:
            case Motion::Shake:
                break;
        }
        // A tool used by the hand is put back visibly (it may have been inserted somewhere).
        if (planned.tool >= 0 && planned.tool != planned.object) {
            auto& tool_state = state[static_cast<std::size_t>(planned.tool)];
            tool_state.inside = false;
            tool_state.parent = -1;
            tool_state.x = script.objects[static_cast<std::size_t>(planned.tool)].initial.x;
            tool_state.y = script.objects[static_cast<std::size_t>(planned.tool)].initial.y;
        }
        planned.after = state;
        script.steps.push_back(std::move(planned));
        frame = script.steps.back().end_frame +
                static_cast<int>(std::lround(fps * random.uniform(0.4, 1.6 + 1.5 * d)));
    }
    script.frame_count = frame + static_cast<int>(std::lround(fps * random.uniform(0.5, 1.5)));

    // Occlusions: something passes in front of the camera now and then (more when harder).
    const int chances = std::max(1, static_cast<int>(script.frame_count / (fps * 8.0)));
    for (int i = 0; i < chances; ++i) {
        if (!random.bernoulli(0.7 * d)) {
            continue;
        }
        Occlusion occlusion;
        const int length = static_cast<int>(std::lround(fps * random.uniform(0.6, 1.6)));
        occlusion.start_frame =
            static_cast<int>(random.uniformInt(0, std::max(0, script.frame_count - length - 1)));
        occlusion.end_frame = occlusion.start_frame + length;
        occlusion.from_left = random.bernoulli(0.5);
        occlusion.band_y = random.uniform(0.3, 0.8);
        occlusion.band_h = random.uniform(0.25, 0.5);
        script.occlusions.push_back(occlusion);
    }
    return script;
}

}  // namespace actbert::synth
