#pragma once
// A detector loaded from an ONNX file and run by OpenCV DNN, described by a
// DetectorDescription (head kind, input size, normalisation, threshold, max boxes).
// Threading: one thread at a time per instance (cv::dnn::Net is not thread-safe).

#include <opencv2/dnn/dnn.hpp>

#include "core/features/detector.h"
#include "core/features/detector_description.h"

namespace actbert::features {

class OnnxDetector : public Detector {
public:
    // Loads the model and class names. Throws actbert::Error naming the file when either
    // cannot be read.
    explicit OnnxDetector(DetectorDescription description);

    std::vector<Detection> detect(const cv::Mat& bgr_frame, double time_s) override;
    const std::vector<std::string>& classNames() const override { return class_names_; }
    int maxBoxes() const override { return description_.max_boxes; }
    std::string describe() const override;

private:
    DetectorDescription description_;
    std::vector<std::string> class_names_;
    cv::dnn::Net net_;
    std::vector<std::string> output_names_;
};

}  // namespace actbert::features
