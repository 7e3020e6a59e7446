#pragma once
// A planned video: which task and steps, where every object starts, what each step changes,
// when each step happens (in frames) and what is said when. Everything the renderer, the audio
// track and the ground truth need; nothing random is left after planning except hash-based
// per-frame detail (particles, noise), which is a pure function of the seeds stored here.
// Threading: plain values.

#include <cstdint>
#include <string>
#include <vector>

#include "core/synth/task_library.h"

namespace actbert::synth {

struct ObjectState {
    double x = 0.0, y = 0.0;  // centre in frame pixels (before camera shake)
    double scale_x = 1.0, scale_y = 1.0;
    double angle_rad = 0.0;
    bool visible = true;
    bool split = false;       // cut into pieces
    bool other_side = false;  // peeled or flipped: shows the secondary colour
    double lid_open = 0.0;    // 0 closed .. 1 lid off to the side
    double fill = 0.0;        // containers: 0 empty .. 1 full
    Colour fill_colour;
    double layer = 0.0;  // spread layer coverage 0..1
    Colour layer_colour;
    bool inside = false;  // drawn behind its parent (inserted)
    int parent = -1;      // object it sits on or in; moves with it
};

enum class ObjectRole { Task, Distractor };

struct SceneObject {
    std::size_t class_index = 0;
    ObjectRole role = ObjectRole::Task;
    double width_px = 0.0, height_px = 0.0;  // unscaled size
    ObjectState initial;
    std::uint64_t texture_seed = 0;
};

struct ScriptStep {
    std::size_t task_step = 0;  // index in the task's step list
    int step_id = 0;            // global step id (frame label)
    int start_frame = 0;        // first frame of the step
    int end_frame = 0;          // one past the last frame
    Motion motion = Motion::Chop;
    int object = -1;  // scene object indices; -1 when absent
    int target = -1;
    int tool = -1;
    std::uint64_t seed = 0;
    std::string label;                // "cut tomato"
    std::string caption;              // "cut the tomato with the knife"
    std::vector<ObjectState> before;  // every object's state when the step starts
    std::vector<ObjectState> after;   // ... and when it ends
};

struct NarrationLine {
    double start_s = 0.0;
    double end_s = 0.0;
    std::string text;
    int step = -1;  // index into VideoScript::steps, -1 for chatter
};

struct Occlusion {
    int start_frame = 0;
    int end_frame = 0;  // exclusive
    bool from_left = true;
    double band_y = 0.5;  // vertical centre as a fraction of the height
    double band_h = 0.4;  // height as a fraction of the height
};

struct VideoScript {
    std::string video_id;
    std::size_t task_index = 0;
    std::uint64_t seed = 0;
    double difficulty = 0.0;
    int width = 0, height = 0, fps = 0;
    int frame_count = 0;
    std::vector<SceneObject> objects;
    std::vector<ScriptStep> steps;  // in time order
    std::vector<NarrationLine> narration;
    std::vector<Occlusion> occlusions;
    double hand_rest_x = 0.0, hand_rest_y = 0.0;
    double shake_px = 0.0;         // camera shake amplitude
    double light_amplitude = 0.0;  // relative brightness drift
    double noise_sigma = 0.0;      // pixel noise (8-bit levels)
    double duration_s() const { return static_cast<double>(frame_count) / fps; }
    // Global step id shown at `frame` (0 = background).
    int labelAt(int frame) const;
};

}  // namespace actbert::synth
