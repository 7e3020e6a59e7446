#pragma once
// Turning decoded RGB frames into network inputs: clips resized on the short side and
// centre-cropped (the paper's 224x224), region frames resized for the region network; both
// normalised with the ImageNet/Kinetics RGB mean and std.
// Threading: pure functions.

#include <opencv2/core/mat.hpp>

#include <vector>

namespace at {
class Tensor;
}

namespace actbert::features {

// Resize so the short side is `crop_size`, then cut the centre crop_size x crop_size square.
cv::Mat resizeAndCentreCrop(const cv::Mat& rgb, int crop_size);

// Stacks cropped RGB frames (crop_size x crop_size each) into one clip tensor
// [3, frames, crop_size, crop_size], float, normalised.
at::Tensor clipTensor(const std::vector<cv::Mat>& cropped_rgb);

// Resizes `rgb` so the short side is `short_side` (long side at most `max_long_side`) and
// returns [3, h, w], float, normalised. `scale` receives the factor from frame to tensor pixels.
at::Tensor regionFrameTensor(const cv::Mat& rgb, int short_side, int max_long_side, double& scale);

}  // namespace actbert::features
