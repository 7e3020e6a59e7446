#pragma once
// The small JSON file that describes an ONNX detector:
//   {"model": "path.onnx", "classes": "names.txt", "kind": "nanodet" | "yolo",
//    "input": [w, h], "mean": [b, g, r], "std": [b, g, r], "strides": [8, 16, 32],
//    "reg_max": 7, "threshold": 0.4, "max_boxes": 5, "letterbox": true, "nms_iou": 0.6}
// Relative paths resolve against the JSON file's folder. threshold and max_boxes default to
// the paper's 0.4 and 5.
// Threading: plain data.

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace actbert::features {

enum class DetectorHead {
    NanoDet,  // per stride: class scores [1, cells, classes] + distance distributions
              // [1, cells, 4 * (reg_max + 1)], the layout of NanoDet's ONNX export
    Yolo,     // [1, boxes, 5 + classes] (cx, cy, w, h, objectness, class scores) as YOLOv5,
              // or [1, 4 + classes, boxes] without objectness as YOLOv8
};

enum class Resize { Letterbox, Stretch };

struct DetectorDescription {
    std::filesystem::path model_path;
    std::filesystem::path classes_path;
    DetectorHead head = DetectorHead::NanoDet;
    int input_width = 416;
    int input_height = 416;
    std::array<double, 3> mean{0, 0, 0};  // B, G, R, subtracted from 0..255 pixel values
    std::array<double, 3> std{1, 1, 1};   // B, G, R, divides after the mean
    std::vector<int> strides{8, 16, 32};
    int reg_max = 7;
    float threshold = 0.4f;
    int max_boxes = 5;
    float nms_iou = 0.6f;
    Resize resize = Resize::Letterbox;

    // Reads and validates the description. Throws actbert::Error naming the file and the
    // field when it is unreadable, malformed or refers to a missing file.
    static DetectorDescription load(const std::filesystem::path& json_path);
    static DetectorDescription parse(const std::string& json_text,
                                     const std::filesystem::path& base_folder,
                                     const std::string& origin);
};

// One class name per non-empty line. Throws actbert::Error naming the file.
std::vector<std::string> loadClassNames(const std::filesystem::path& path);

}  // namespace actbert::features
