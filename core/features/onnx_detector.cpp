#include "core/features/onnx_detector.h"

#include <opencv2/core/utility.hpp>

#include <sstream>

#include "core/common/error.h"
#include "core/features/head_decoding.h"

namespace actbert::features {

OnnxDetector::OnnxDetector(DetectorDescription description) : description_(std::move(description)) {
    if (description_.classes_path.empty()) {
        throw Error(description_.model_path.string() +
                    ": the detector description names no 'classes' file; its class "
                    "distribution is the masked-object target, so names are required");
    }
    class_names_ = loadClassNames(description_.classes_path);
    try {
        net_ = cv::dnn::readNetFromONNX(description_.model_path.string());
    } catch (const cv::Exception& error) {
        throw Error(description_.model_path.string() +
                    ": OpenCV cannot load this ONNX model: " + error.what());
    }
    if (net_.empty()) {
        throw Error(description_.model_path.string() + ": OpenCV loaded an empty network");
    }
    output_names_ = net_.getUnconnectedOutLayersNames();
}

std::vector<Detection> OnnxDetector::detect(const cv::Mat& bgr_frame, double /*time_s*/) {
    if (bgr_frame.empty() || bgr_frame.type() != CV_8UC3) {
        throw Error("detector input must be a non-empty 8-bit BGR frame");
    }
    InputTransform transform;
    const auto input = fitToInput(bgr_frame, description_.input_width, description_.input_height,
                                  description_.resize, transform);
    // blobFromImage subtracts the mean and multiplies by one scale factor only, so the
    // per-channel std division happens on the float image first.
    cv::Mat normalised;
    input.convertTo(normalised, CV_32FC3);
    normalised -= cv::Scalar(description_.mean[0], description_.mean[1], description_.mean[2]);
    cv::divide(normalised,
               cv::Scalar(description_.std[0], description_.std[1], description_.std[2]),
               normalised);
    const auto blob = cv::dnn::blobFromImage(normalised);  // [1, 3, h, w]
    std::vector<cv::Mat> outputs;
    try {
        net_.setInput(blob);
        net_.forward(outputs, output_names_);
    } catch (const cv::Exception& error) {
        throw Error(description_.model_path.string() + ": inference failed: " + error.what());
    }
    const int num_classes = static_cast<int>(class_names_.size());
    std::vector<Detection> candidates;
    if (description_.head == DetectorHead::NanoDet) {
        candidates = decodeNanoDet(outputs, description_, num_classes);
    } else {
        if (outputs.size() != 1) {
            throw Error(description_.model_path.string() +
                        ": a YOLO model has one output, this "
                        "one has " +
                        std::to_string(outputs.size()));
        }
        candidates = decodeYolo(outputs.front(), num_classes, description_.threshold);
    }
    for (auto& candidate : candidates) {
        candidate = transform.toFrame(std::move(candidate));
    }
    auto kept =
        suppressNonMaxima(std::move(candidates), description_.nms_iou, description_.max_boxes);
    // Boxes squeezed to nothing by clamping carry no region.
    std::erase_if(kept, [](const Detection& d) { return d.width() < 1 || d.height() < 1; });
    return kept;
}

std::string OnnxDetector::describe() const {
    std::ostringstream text;
    text << (description_.head == DetectorHead::NanoDet ? "nanodet" : "yolo") << ':'
         << description_.model_path.filename().string() << " input " << description_.input_width
         << 'x' << description_.input_height << " threshold " << description_.threshold << " max "
         << description_.max_boxes << " nms " << description_.nms_iou
         << (description_.resize == Resize::Letterbox ? " letterbox" : " stretch");
    return text.str();
}

}  // namespace actbert::features
