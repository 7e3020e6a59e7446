#pragma once
// FrameSource over the FFmpeg decoder (core/video): the decoder's frame index gives every
// frame's time, frames come out at native size as RGB.
// Threading: one thread at a time (the decoder is not thread-safe); it may be created on one
// thread and used on another (the pipeline's decode thread).

#include <filesystem>
#include <memory>

#include "core/common/progress.h"
#include "core/features/frame_source.h"

namespace actbert::video {
class VideoDecoder;
}

namespace actbert::features {

class VideoFrameSource : public FrameSource {
public:
    // Opens the video and builds its frame index. Throws actbert::Error naming the file.
    explicit VideoFrameSource(const std::filesystem::path& path, const ProgressFn& progress = {},
                              const CancelToken& cancel = {});
    ~VideoFrameSource() override;

    const std::vector<double>& frameTimes() const override { return times_; }
    double durationS() const override { return duration_s_; }
    cv::Mat frameRgb(std::int64_t index) override;
    std::string name() const override { return path_.string(); }

    int width() const;
    int height() const;

private:
    std::filesystem::path path_;
    std::unique_ptr<video::VideoDecoder> decoder_;
    std::vector<double> times_;
    double duration_s_ = 0;
};

}  // namespace actbert::features
