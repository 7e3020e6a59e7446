#include "core/features/head_decoding.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/common/error.h"

namespace actbert::features {
namespace {

// A [1, rows, cols] (or [rows, cols]) float tensor as a row-major view.
struct Matrix {
    const float* data = nullptr;
    int rows = 0;
    int cols = 0;
};

Matrix asMatrix(const cv::Mat& tensor, const char* what) {
    if (tensor.type() != CV_32F || !tensor.isContinuous()) {
        throw Error(std::string("detector output ") + what + " is not a continuous float tensor");
    }
    if (tensor.dims == 3 && tensor.size[0] == 1) {
        return {tensor.ptr<float>(), tensor.size[1], tensor.size[2]};
    }
    if (tensor.dims == 2) {
        return {tensor.ptr<float>(), tensor.rows, tensor.cols};
    }
    throw Error(std::string("detector output ") + what + " has an unexpected shape (" +
                std::to_string(tensor.dims) + " dimensions)");
}

// Normalises the class scores of one candidate into a distribution (l1), keeping the best.
Detection makeDetection(float cx_or_x1, float cy_or_y1, float x2, float y2, const float* scores,
                        int num_classes, float objectness) {
    Detection detection;
    detection.x1 = cx_or_x1;
    detection.y1 = cy_or_y1;
    detection.x2 = x2;
    detection.y2 = y2;
    const auto best = std::max_element(scores, scores + num_classes);
    detection.class_id = static_cast<int>(best - scores);
    detection.score = *best * objectness;
    const float total = std::accumulate(scores, scores + num_classes, 0.0f);
    detection.class_distribution.assign(scores, scores + num_classes);
    if (total > 0) {
        for (auto& value : detection.class_distribution) {
            value /= total;
        }
    }
    return detection;
}

}  // namespace

Detection InputTransform::toFrame(Detection d) const {
    const auto mapX = [&](float x) {
        return std::clamp(static_cast<float>((x - pad_x) / scale_x), 0.0f,
                          static_cast<float>(frame_width));
    };
    const auto mapY = [&](float y) {
        return std::clamp(static_cast<float>((y - pad_y) / scale_y), 0.0f,
                          static_cast<float>(frame_height));
    };
    d.x1 = mapX(d.x1);
    d.x2 = mapX(d.x2);
    d.y1 = mapY(d.y1);
    d.y2 = mapY(d.y2);
    return d;
}

cv::Mat fitToInput(const cv::Mat& bgr, int input_width, int input_height, Resize resize,
                   InputTransform& transform) {
    transform.frame_width = bgr.cols;
    transform.frame_height = bgr.rows;
    if (resize == Resize::Stretch) {
        transform.scale_x = static_cast<double>(input_width) / bgr.cols;
        transform.scale_y = static_cast<double>(input_height) / bgr.rows;
        transform.pad_x = transform.pad_y = 0;
        cv::Mat out;
        cv::resize(bgr, out, cv::Size(input_width, input_height), 0, 0, cv::INTER_LINEAR);
        return out;
    }
    const double scale = std::min(static_cast<double>(input_width) / bgr.cols,
                                  static_cast<double>(input_height) / bgr.rows);
    const int width = std::max(1, static_cast<int>(std::lround(bgr.cols * scale)));
    const int height = std::max(1, static_cast<int>(std::lround(bgr.rows * scale)));
    transform.scale_x = static_cast<double>(width) / bgr.cols;
    transform.scale_y = static_cast<double>(height) / bgr.rows;
    transform.pad_x = (input_width - width) / 2;
    transform.pad_y = (input_height - height) / 2;
    cv::Mat canvas(input_height, input_width, bgr.type(), cv::Scalar::all(0));
    cv::Mat resized;
    cv::resize(bgr, resized, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    resized.copyTo(canvas(cv::Rect(static_cast<int>(transform.pad_x),
                                   static_cast<int>(transform.pad_y), width, height)));
    return canvas;
}

std::vector<Detection> decodeNanoDet(const std::vector<cv::Mat>& outputs,
                                     const DetectorDescription& d, int num_classes) {
    const int bins = d.reg_max + 1;
    std::vector<Detection> detections;
    std::vector<bool> used(outputs.size(), false);
    // Finds the unused output with `cells` rows and `cols` columns.
    const auto take = [&](int cells, int cols) -> Matrix {
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            if (used[i]) {
                continue;
            }
            const auto m = asMatrix(outputs[i], "tensor");
            if (m.rows == cells && m.cols == cols) {
                used[i] = true;
                return m;
            }
        }
        throw Error("NanoDet outputs: no unused tensor of shape [1, " + std::to_string(cells) +
                    ", " + std::to_string(cols) +
                    "]; check 'input', 'strides', 'reg_max' and the class names against the "
                    "model");
    };
    std::vector<float> softmax(static_cast<std::size_t>(bins));
    for (const int stride : d.strides) {
        const int grid_w = (d.input_width + stride - 1) / stride;
        const int grid_h = (d.input_height + stride - 1) / stride;
        const int cells = grid_w * grid_h;
        const auto scores = take(cells, num_classes);
        const auto regression = take(cells, 4 * bins);
        for (int cell = 0; cell < cells; ++cell) {
            const float* cell_scores = scores.data + static_cast<std::size_t>(cell) * num_classes;
            const float best = *std::max_element(cell_scores, cell_scores + num_classes);
            if (best < d.threshold) {
                continue;
            }
            // Each side's distance is the expectation of a softmax over reg_max + 1 bins.
            float distance[4];
            const float* reg = regression.data + static_cast<std::size_t>(cell) * 4 * bins;
            for (int side = 0; side < 4; ++side) {
                const float* logits = reg + side * bins;
                const float top = *std::max_element(logits, logits + bins);
                float total = 0;
                for (int b = 0; b < bins; ++b) {
                    softmax[b] = std::exp(logits[b] - top);
                    total += softmax[b];
                }
                float expectation = 0;
                for (int b = 0; b < bins; ++b) {
                    expectation += softmax[b] / total * static_cast<float>(b);
                }
                distance[side] = expectation * static_cast<float>(stride);
            }
            // NanoDet's GFL head places cell centres at (index + 0.5) * stride.
            const float cx = (static_cast<float>(cell % grid_w) + 0.5f) * stride;
            const float cy = (static_cast<float>(cell / grid_w) + 0.5f) * stride;
            detections.push_back(makeDetection(cx - distance[0], cy - distance[1], cx + distance[2],
                                               cy + distance[3], cell_scores, num_classes, 1.0f));
        }
    }
    return detections;
}

std::vector<Detection> decodeYolo(const cv::Mat& output, int num_classes, float threshold) {
    const auto m = asMatrix(output, "tensor");
    std::vector<Detection> detections;
    if (m.cols == 5 + num_classes) {
        // YOLOv5: one row per candidate box.
        for (int row = 0; row < m.rows; ++row) {
            const float* r = m.data + static_cast<std::size_t>(row) * m.cols;
            if (r[4] < threshold) {
                continue;
            }
            auto detection = makeDetection(r[0] - r[2] / 2, r[1] - r[3] / 2, r[0] + r[2] / 2,
                                           r[1] + r[3] / 2, r + 5, num_classes, r[4]);
            if (detection.score >= threshold) {
                detections.push_back(std::move(detection));
            }
        }
        return detections;
    }
    if (m.rows == 4 + num_classes) {
        // YOLOv8: one column per candidate box.
        std::vector<float> scores(static_cast<std::size_t>(num_classes));
        for (int col = 0; col < m.cols; ++col) {
            const auto at = [&](int row) {
                return m.data[static_cast<std::size_t>(row) * m.cols + col];
            };
            for (int c = 0; c < num_classes; ++c) {
                scores[c] = at(4 + c);
            }
            auto detection = makeDetection(at(0) - at(2) / 2, at(1) - at(3) / 2, at(0) + at(2) / 2,
                                           at(1) + at(3) / 2, scores.data(), num_classes, 1.0f);
            if (detection.score >= threshold) {
                detections.push_back(std::move(detection));
            }
        }
        return detections;
    }
    throw Error("YOLO output of shape [1, " + std::to_string(m.rows) + ", " +
                std::to_string(m.cols) + "] fits neither [1, boxes, 5 + " +
                std::to_string(num_classes) + "] nor [1, 4 + " + std::to_string(num_classes) +
                ", boxes]; check the class names against the model");
}

}  // namespace actbert::features
