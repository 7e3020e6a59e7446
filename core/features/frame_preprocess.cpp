#include "core/features/frame_preprocess.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace actbert::features {
namespace {

// ImageNet statistics, which Kinetics-trained 3D CNNs use too (RGB order, 0..1 scale).
constexpr float kMean[3] = {0.485f, 0.456f, 0.406f};
constexpr float kStd[3] = {0.229f, 0.224f, 0.225f};

void requireRgb(const cv::Mat& rgb) {
    if (rgb.empty() || rgb.type() != CV_8UC3) {
        throw Error("frame preprocessing expects a non-empty 8-bit RGB picture");
    }
}

// [h, w, 3] uint8 -> [3, h, w] float normalised; copies, so the result owns its memory.
torch::Tensor toNormalisedChw(const cv::Mat& rgb) {
    const cv::Mat contiguous = rgb.isContinuous() ? rgb : rgb.clone();
    auto hwc =
        torch::from_blob(contiguous.data, {contiguous.rows, contiguous.cols, 3}, torch::kUInt8);
    const auto mean = torch::tensor({kMean[0], kMean[1], kMean[2]}).view({3, 1, 1});
    const auto std = torch::tensor({kStd[0], kStd[1], kStd[2]}).view({3, 1, 1});
    return (hwc.permute({2, 0, 1}).to(torch::kFloat).div_(255.0f) - mean) / std;
}

}  // namespace

cv::Mat resizeAndCentreCrop(const cv::Mat& rgb, int crop_size) {
    requireRgb(rgb);
    const double scale = static_cast<double>(crop_size) / std::min(rgb.cols, rgb.rows);
    const int width = std::max(crop_size, static_cast<int>(std::lround(rgb.cols * scale)));
    const int height = std::max(crop_size, static_cast<int>(std::lround(rgb.rows * scale)));
    cv::Mat resized;
    // Area averaging when shrinking avoids aliasing; linear when enlarging.
    cv::resize(rgb, resized, cv::Size(width, height), 0, 0,
               scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const cv::Rect centre((width - crop_size) / 2, (height - crop_size) / 2, crop_size, crop_size);
    return resized(centre).clone();
}

at::Tensor clipTensor(const std::vector<cv::Mat>& cropped_rgb) {
    if (cropped_rgb.empty()) {
        throw Error("a clip needs at least one frame");
    }
    std::vector<torch::Tensor> frames;
    frames.reserve(cropped_rgb.size());
    for (const auto& frame : cropped_rgb) {
        requireRgb(frame);
        frames.push_back(toNormalisedChw(frame));
    }
    return torch::stack(frames, 1);  // [3, frames, h, w]
}

at::Tensor regionFrameTensor(const cv::Mat& rgb, int short_side, int max_long_side, double& scale) {
    requireRgb(rgb);
    scale = std::min(static_cast<double>(short_side) / std::min(rgb.cols, rgb.rows),
                     static_cast<double>(max_long_side) / std::max(rgb.cols, rgb.rows));
    const int width = std::max(1, static_cast<int>(std::lround(rgb.cols * scale)));
    const int height = std::max(1, static_cast<int>(std::lround(rgb.rows * scale)));
    cv::Mat resized;
    cv::resize(rgb, resized, cv::Size(width, height), 0, 0,
               scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    return toNormalisedChw(resized);  // [3, h, w]
}

}  // namespace actbert::features
