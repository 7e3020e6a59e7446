#pragma once
// Internal to core/video: converts decoded FFmpeg pictures to RgbFrame with libswscale,
// resizing, centre-cropping or letterboxing as FrameOutputOptions ask. Colour conversion
// follows the picture's colour matrix and range exactly as the ffmpeg tool's scale filter
// does, so native-size output matches `ffmpeg -pix_fmt rgb24` bit for bit.
// Threading: one converter per thread (it keeps a cached SwsContext).

extern "C" {
#include <libavutil/frame.h>
}

#include <memory>

#include "core/video/rgb_frame.h"

struct SwsContext;

namespace actbert::video::detail {

class FrameConverter {
public:
    FrameConverter() = default;
    ~FrameConverter();
    FrameConverter(FrameConverter&& other) noexcept;
    FrameConverter& operator=(FrameConverter&& other) noexcept;
    FrameConverter(const FrameConverter&) = delete;
    FrameConverter& operator=(const FrameConverter&) = delete;

    // Fills pixels, width, height and stride of the result; the caller sets index and times.
    // `rotation_deg` (clockwise, 0/90/180/270) is applied when options.rotation says so; the
    // requested size is that of the turned picture.
    // Throws actbert::Error for an unsupported pixel format or an invalid size.
    RgbFrame convert(const AVFrame& picture, const FrameOutputOptions& options,
                     int rotation_deg = 0);

private:
    class BufferPool;
    RgbFrame scale(const AVFrame& picture, const FrameOutputOptions& options);
    RgbFrame rotate(const RgbFrame& frame, int rotation_deg);
    SwsContext* context_ = nullptr;
    // Pixel buffers of dropped frames come back here: fresh 2.7 MB blocks for every 720p
    // frame cost more in page faults and zero-filling than the colour conversion itself.
    std::shared_ptr<BufferPool> pool_;
};

}  // namespace actbert::video::detail
