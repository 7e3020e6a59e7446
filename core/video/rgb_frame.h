#pragma once
// A decoded picture as the rest of the program sees it: packed RGB24, immutable and shared,
// so it can cross threads by value (a queued signal, a feature job) without copying pixels.
// Threading: immutable; safe to read from any thread.

#include <cstdint>
#include <memory>
#include <vector>

namespace actbert::video {

struct RgbFrame {
    int width = 0;
    int height = 0;
    int stride = 0;           // bytes per row (width * 3: rows are tightly packed)
    std::int64_t index = -1;  // frame number in the FrameIndex
    std::int64_t pts = 0;     // stream time base
    double time_s = 0.0;      // seconds on the file's timeline
    bool is_key = false;
    std::shared_ptr<const std::vector<std::uint8_t>> pixels;  // [height, width, 3] RGB

    bool valid() const { return pixels != nullptr; }
    const std::uint8_t* row(int y) const { return pixels->data() + std::size_t(y) * stride; }
};

// How a frame is fitted to a requested size.
enum class ResizeMode {
    Stretch,     // scale to exactly width x height, ignoring the aspect ratio
    CropCenter,  // scale to cover width x height keeping the aspect ratio, crop the centre
    Fit,         // scale to fit inside keeping the aspect ratio, pad with black (letterbox)
};

// What resampling filter libswscale uses; Bicubic matches the ffmpeg command line.
enum class ScaleFilter { Bicubic, Bilinear, Area, Point };

// Whether the stream's display rotation (StreamInfo::rotation_deg) is applied. Applying it
// is what players and the ffmpeg tool do by default (its "autorotate").
enum class RotationMode { Apply, Ignore };

struct FrameOutputOptions {
    int width = 0;  // 0 and 0: the displayed size (the stream's size, turned if rotated)
    int height = 0;
    ResizeMode resize = ResizeMode::Stretch;
    ScaleFilter filter = ScaleFilter::Bicubic;
    RotationMode rotation = RotationMode::Apply;

    bool nativeSize() const { return width <= 0 || height <= 0; }
    bool operator==(const FrameOutputOptions&) const = default;
};

}  // namespace actbert::video
