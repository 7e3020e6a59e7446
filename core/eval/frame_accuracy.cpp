#include "core/eval/frame_accuracy.h"

#include <stdexcept>
#include <string>

namespace actbert::eval {

double FrameAccuracy::accuracy() const {
    return total_frames == 0 ? 0.0 : static_cast<double>(correct_frames) / total_frames;
}

FrameAccuracy frameAccuracy(std::span<const int> predicted, std::span<const int> truth) {
    if (predicted.size() != truth.size()) {
        throw std::invalid_argument("frame accuracy: " + std::to_string(predicted.size()) +
                                    " predicted frames against " + std::to_string(truth.size()) +
                                    " true ones");
    }
    FrameAccuracy result;
    result.total_frames = static_cast<std::int64_t>(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
        result.correct_frames += predicted[i] == truth[i] ? 1 : 0;
    }
    return result;
}

FrameAccuracy frameAccuracy(std::span<const VideoLabels> videos) {
    FrameAccuracy pooled;
    for (const auto& video : videos) {
        const auto one = frameAccuracy(video.predicted, video.truth);
        pooled.correct_frames += one.correct_frames;
        pooled.total_frames += one.total_frames;
    }
    return pooled;
}

}  // namespace actbert::eval
