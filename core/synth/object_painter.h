#pragma once
// Draws the scene's objects and the hand with OpenCV: each class has its own shape and colours,
// each object its own seeded texture. Geometry is integer/fixed-point (cv::fillPoly with a
// subpixel shift) and trigonometry comes from det_math.h, so pixels are reproducible.
// Threading: after construction, const methods are safe from several threads (different frames).

#include <opencv2/core.hpp>

#include <vector>

#include "core/synth/task_library.h"
#include "core/synth/video_script.h"

namespace actbert::synth {

class ObjectPainter {
public:
    ObjectPainter(const VideoScript& script, const TaskLibrary& library);

    // Draws object `index` in `state`, shifted by the integer camera offset. Returns the
    // bounding box of what was drawn in frame pixels (may reach outside the frame).
    cv::Rect drawObject(cv::Mat& frame, int index, const ObjectState& state,
                        cv::Point camera) const;
    // Draws the hand (palm, fingers, and the arm reaching in from the rest position). Returns the
    // box of the palm and fingers.
    cv::Rect drawHand(cv::Mat& frame, double x, double y, double angle_rad, cv::Point camera) const;

private:
    struct Look {
        cv::Mat primary;    // texture in the primary colour
        cv::Mat secondary;  // ... in the secondary colour (peeled, flipped)
        bool has_lid = false;
    };

    const VideoScript& script_;
    const TaskLibrary& library_;
    std::vector<Look> looks_;
    cv::Scalar sleeve_;
};

}  // namespace actbert::synth
