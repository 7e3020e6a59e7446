#pragma once
// Where everything is at one frame: object states interpolated inside the current step, the hand
// following the verb's motion (approach, act, retract), what it holds, and particles (pouring,
// sprinkling, water drops, peel strips). A pure function of the script and the frame number, so
// any frame can be rendered on its own.
// Threading: const methods are safe from several threads.

#include <vector>

#include "core/synth/task_library.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

struct Particle {
    double x = 0.0, y = 0.0;
    double radius = 1.0;
    Colour colour;
};

struct FramePose {
    std::vector<ObjectState> objects;
    double hand_x = 0.0, hand_y = 0.0;  // palm centre
    double hand_angle_rad = 0.0;
    int held = -1;  // object drawn in the hand (a tool or a carried object), -1 for none
    std::vector<Particle> particles;
};

class MotionAnimator {
public:
    MotionAnimator(const VideoScript& script, const TaskLibrary& library)
        : script_(script), library_(library) {}

    FramePose pose(int frame) const;

private:
    void animateStep(const ScriptStep& step, double t, int frame, FramePose& pose) const;
    void idleHand(int frame, FramePose& pose) const;

    const VideoScript& script_;
    const TaskLibrary& library_;
};

}  // namespace actbert::synth
