#pragma once
// Renders one frame of a planned video: textured wall and table, the task's objects and the
// distractors, the hand performing the current step, particles, passing occluders, then camera
// shake, lighting drift and sensor noise. Also returns the exact box of every visible object.
// Threading: after construction, render() is const and may run for different frames in parallel.

#include <opencv2/core.hpp>

#include <vector>

#include "core/synth/motion_animator.h"
#include "core/synth/object_painter.h"
#include "core/synth/task_library.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

// A visible object in a frame: [x1, x2) x [y1, y2) in pixels, clipped to the frame, amodal
// (an object behind the hand or an occluder keeps its full box).
struct ObjectBox {
    int object = -1;  // scene object index, -1 for the hand
    std::size_t class_index = 0;
    int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

class SceneRenderer {
public:
    SceneRenderer(const VideoScript& script, const TaskLibrary& library);

    // Renders `frame` into `image` (allocated as height x width CV_8UC3, BGR).
    std::vector<ObjectBox> render(int frame, cv::Mat& image) const;

    // The integer camera offset at `frame` (also used to place boxes).
    cv::Point cameraOffset(int frame) const;

private:
    void makeBackground();
    void makeNoise();
    void applyLighting(int frame, cv::Mat& image) const;
    void addNoise(int frame, cv::Mat& image) const;
    void drawOccluders(int frame, cv::Mat& image) const;

    const VideoScript& script_;
    const TaskLibrary& library_;
    MotionAnimator animator_;
    ObjectPainter painter_;
    int margin_ = 0;
    cv::Mat background_;               // (height + 2 margin) x (width + 2 margin)
    std::vector<cv::Mat> noise_up_;    // positive part: [0] fixed pattern, [1..] temporal fields
    std::vector<cv::Mat> noise_down_;  // negative part
    int noise_margin_ = 16;
    double light_phase_ = 0.0;
    double tint_phase_ = 0.0;
    double shake_phase_x_ = 0.0;
    double shake_phase_y_ = 0.0;
    cv::Scalar occluder_colour_;
};

}  // namespace actbert::synth
