#pragma once
// Turning a detector's raw output tensors into boxes: letterboxing the frame to the network
// input, decoding NanoDet-style (per-stride class scores + distance distributions) and
// YOLO-style heads, and mapping boxes back to frame pixels.
// Threading: pure functions.

#include <opencv2/core/mat.hpp>

#include <vector>

#include "core/features/detection.h"
#include "core/features/detector_description.h"

namespace actbert::features {

// Maps network-input pixels back to frame pixels: frame = (input - pad) / scale.
struct InputTransform {
    double scale_x = 1, scale_y = 1;
    double pad_x = 0, pad_y = 0;
    int frame_width = 0, frame_height = 0;

    // Maps a detection from input to frame pixels and clamps it to the frame.
    Detection toFrame(Detection detection) const;
};

// Resizes `bgr` into an input_width x input_height image. Letterbox keeps the aspect ratio and
// centres the frame on a black canvas; Stretch scales each axis independently.
cv::Mat fitToInput(const cv::Mat& bgr, int input_width, int input_height, Resize resize,
                   InputTransform& transform);

// NanoDet: `outputs` holds, for every stride, a score tensor [1, cells, classes] (already
// sigmoid) and a regression tensor [1, cells, 4 * (reg_max + 1)], in any order; they are
// matched by their cell counts. Boxes are in input pixels; only those with a best class
// score >= threshold are returned. Throws actbert::Error when the tensors do not fit.
std::vector<Detection> decodeNanoDet(const std::vector<cv::Mat>& outputs,
                                     const DetectorDescription& description, int num_classes);

// YOLO: one tensor, either [1, boxes, 5 + classes] (cx, cy, w, h, objectness, scores) or
// [1, 4 + classes, boxes] (cx, cy, w, h, scores, no objectness). Boxes in input pixels.
std::vector<Detection> decodeYolo(const cv::Mat& output, int num_classes, float threshold);

}  // namespace actbert::features
