#pragma once
// Where the feature pipeline gets its pictures: the decoder's frame index (every frame's time)
// and random access to decoded frames. VideoFrameSource adapts the FFmpeg decoder; tests use
// generated frames.
// Threading: an instance is used by one thread at a time (the pipeline's decode thread).

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace actbert::features {

class FrameSource {
public:
    virtual ~FrameSource() = default;

    // Every frame's presentation time in seconds, in presentation order (strictly increasing).
    virtual const std::vector<double>& frameTimes() const = 0;
    virtual double durationS() const = 0;
    // Frame `index` as an 8-bit, 3-channel RGB picture at its native size. Requests come in
    // ascending order, so a sequential decoder stays fast. Throws actbert::Error on failure.
    virtual cv::Mat frameRgb(std::int64_t index) = 0;
    // What to call the source in messages (usually the file's path).
    virtual std::string name() const = 0;
};

}  // namespace actbert::features
