#include "core/features/ground_truth_boxes.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/common/error.h"
#include "core/features/content_hash.h"

namespace actbert::features {
namespace {
constexpr std::uintmax_t kMaxJsonBytes = 512ull << 20;
}

GroundTruthBoxes::GroundTruthBoxes(const std::filesystem::path& json_path, int max_boxes)
    : path_(json_path), max_boxes_(max_boxes) {
    const auto fail = [&](const std::string& problem) {
        return Error(json_path.string() + ": ground-truth boxes: " + problem);
    };
    if (max_boxes < 1 || max_boxes > 100) {
        throw fail("max boxes must be in [1, 100]");
    }
    std::error_code error;
    const auto size = std::filesystem::file_size(json_path, error);
    if (error) {
        throw fail("cannot read the file: " + error.message());
    }
    if (size > kMaxJsonBytes) {
        throw fail("the file is larger than 512 MiB");
    }
    std::ifstream in(json_path, std::ios::binary);
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
        if (json.value("format", std::string()) != "actbert-synth-ground-truth") {
            throw fail("'format' is not \"actbert-synth-ground-truth\"");
        }
        width_ = json.at("width").get<int>();
        height_ = json.at("height").get<int>();
        fps_ = json.at("fps").get<double>();
        classes_ = json.at("classes").get<std::vector<std::string>>();
        const auto& frames = json.at("boxes");
        if (!frames.is_array()) {
            throw fail("'boxes' is not an array of frames");
        }
        for (const auto& frame : frames) {
            std::vector<Box> boxes;
            for (const auto& entry : frame) {
                const auto values = entry.get<std::vector<double>>();
                if (values.size() != 6) {
                    throw fail("a box is not [object, class, x1, y1, x2, y2]");
                }
                const int class_id = static_cast<int>(values[1]);
                if (class_id < 0 || class_id >= static_cast<int>(classes_.size())) {
                    throw fail("class id " + std::to_string(class_id) + " is not in 'classes'");
                }
                boxes.push_back({class_id, static_cast<float>(values[2]),
                                 static_cast<float>(values[3]), static_cast<float>(values[4]),
                                 static_cast<float>(values[5])});
            }
            frames_.push_back(std::move(boxes));
        }
    } catch (const nlohmann::json::exception& e) {
        throw fail(std::string("malformed JSON (") + e.what() + ")");
    }
    if (width_ <= 0 || height_ <= 0 || !(fps_ > 0)) {
        throw fail("width, height and fps must be positive");
    }
    if (frames_.empty()) {
        throw fail("no frames in 'boxes'");
    }
    content_hash_ = hashFileContent(json_path);
}

std::vector<Detection> GroundTruthBoxes::detect(const cv::Mat& bgr_frame, double time_s) {
    if (bgr_frame.cols != width_ || bgr_frame.rows != height_) {
        throw Error(path_.string() + ": ground truth is for " + std::to_string(width_) + "x" +
                    std::to_string(height_) + " frames, the video's are " +
                    std::to_string(bgr_frame.cols) + "x" + std::to_string(bgr_frame.rows));
    }
    // The frame on screen at time_s (small tolerance for timestamps rounded by the container).
    const auto index =
        std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(time_s * fps_ + 1e-3)), 0,
                                 static_cast<std::int64_t>(frames_.size()) - 1);
    std::vector<Detection> detections;
    for (const auto& box : frames_[static_cast<std::size_t>(index)]) {
        Detection d{box.x1, box.y1, box.x2, box.y2, 1.0f, box.class_id, {}};
        if (d.width() < 1 || d.height() < 1) {
            continue;
        }
        d.class_distribution.assign(classes_.size(), 0.0f);
        d.class_distribution[static_cast<std::size_t>(box.class_id)] = 1.0f;
        detections.push_back(std::move(d));
    }
    // The largest objects are kept when there are more than max_boxes.
    std::stable_sort(detections.begin(), detections.end(),
                     [](const Detection& a, const Detection& b) { return a.area() > b.area(); });
    if (static_cast<int>(detections.size()) > max_boxes_) {
        detections.resize(static_cast<std::size_t>(max_boxes_));
    }
    return detections;
}

std::string GroundTruthBoxes::describe() const {
    return "ground-truth:" + content_hash_ + " max " + std::to_string(max_boxes_);
}

}  // namespace actbert::features
