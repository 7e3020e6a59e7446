#pragma once
// Where region boxes come from: an ONNX detector, the synthetic videos' ground truth, or a
// fixed grid. The feature pipeline only sees this interface.
// Threading: an instance is used by one thread at a time (OpenCV's DNN nets are not
// thread-safe); make one per thread.

#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

#include "core/features/detection.h"

namespace actbert::features {

class Detector {
public:
    virtual ~Detector() = default;

    // Boxes in `bgr_frame` (8-bit, 3 channels), by falling score, at most maxBoxes().
    // `time_s` is the frame's presentation time (used by ground-truth sources).
    virtual std::vector<Detection> detect(const cv::Mat& bgr_frame, double time_s) = 0;

    // Class names of the distribution in Detection::class_distribution (empty: no classes).
    virtual const std::vector<std::string>& classNames() const = 0;
    virtual int maxBoxes() const = 0;
    // Short description for logs and the feature cache's settings ("nanodet:nanodet_m.onnx
    // threshold 0.4 max 5", "grid 2x2+frame"); two detectors that would give different
    // boxes have different descriptions.
    virtual std::string describe() const = 0;
};

}  // namespace actbert::features
