#pragma once
// Region boxes from a synthetic video's ground-truth JSON (format
// "actbert-synth-ground-truth" written by core/synth): per frame, the boxes of the objects
// in view and their classes, as if a perfect detector had found them. For experiments that
// separate detector errors from model errors.
// Threading: immutable after construction; detect() is safe from any thread.

#include <filesystem>

#include "core/features/detector.h"

namespace actbert::features {

class GroundTruthBoxes : public Detector {
public:
    // Reads and validates the JSON. Throws actbert::Error naming the file and the problem.
    explicit GroundTruthBoxes(const std::filesystem::path& json_path, int max_boxes = 5);

    // The boxes of the frame shown at `time_s` (the frame is only used for its size check),
    // largest first, with a one-hot class distribution.
    std::vector<Detection> detect(const cv::Mat& bgr_frame, double time_s) override;
    const std::vector<std::string>& classNames() const override { return classes_; }
    int maxBoxes() const override { return max_boxes_; }
    std::string describe() const override;

private:
    struct Box {
        int class_id;
        float x1, y1, x2, y2;
    };
    std::filesystem::path path_;
    std::string content_hash_;
    int max_boxes_;
    int width_ = 0;
    int height_ = 0;
    double fps_ = 0;
    std::vector<std::string> classes_;
    std::vector<std::vector<Box>> frames_;
};

}  // namespace actbert::features
