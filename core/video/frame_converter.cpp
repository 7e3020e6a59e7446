#include "core/video/frame_converter.h"

extern "C" {
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"

namespace actbert::video::detail {

namespace {

int swsFlags(ScaleFilter filter) {
    switch (filter) {
        case ScaleFilter::Bilinear:
            return SWS_BILINEAR;
        case ScaleFilter::Area:
            return SWS_AREA;
        case ScaleFilter::Point:
            return SWS_POINT;
        case ScaleFilter::Bicubic:
            break;
    }
    return SWS_BICUBIC;
}

// The ffmpeg scale filter maps unknown or unsupported matrices to BT.601 (BT470BG).
const int* inputCoefficients(AVColorSpace colorspace) {
    int space = static_cast<int>(colorspace);
    if (space < 1 || space > 10 || space == 8) {
        space = SWS_CS_ITU601;
    }
    return sws_getCoefficients(space);
}

// Rounds down to a multiple of 2^shift so a crop never splits a chroma sample.
int alignDown(int value, int shift) {
    return (value >> shift) << shift;
}

struct Rect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

}  // namespace

// Thread-safe: frames (and so their buffers) are dropped on any thread.
class FrameConverter::BufferPool : public std::enable_shared_from_this<BufferPool> {
public:
    using Buffer = std::vector<std::uint8_t>;

    // A buffer of `size` bytes (contents undefined) whose storage returns here when the last
    // frame using it is dropped.
    std::shared_ptr<Buffer> acquire(std::size_t size) {
        std::unique_ptr<Buffer> buffer;
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                buffer = std::move(free_.back());
                free_.pop_back();
            }
        }
        if (!buffer) {
            buffer = std::make_unique<Buffer>();
        }
        // SIMD converters may write a few bytes past the last row; keep that inside the block.
        buffer->reserve(size + 64);
        buffer->resize(size);
        std::weak_ptr<BufferPool> pool = weak_from_this();
        return std::shared_ptr<Buffer>(buffer.release(), [pool](Buffer* returned) {
            if (auto alive = pool.lock()) {
                alive->release(std::unique_ptr<Buffer>(returned));
            } else {
                delete returned;
            }
        });
    }

private:
    void release(std::unique_ptr<Buffer> buffer) {
        std::lock_guard lock(mutex_);
        if (free_.size() < kMaxFree) {
            free_.push_back(std::move(buffer));
        }
    }

    static constexpr std::size_t kMaxFree = 8;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Buffer>> free_;
};

FrameConverter::~FrameConverter() {
    sws_freeContext(context_);
}

FrameConverter::FrameConverter(FrameConverter&& other) noexcept
    : context_(std::exchange(other.context_, nullptr)), pool_(std::move(other.pool_)) {}

FrameConverter& FrameConverter::operator=(FrameConverter&& other) noexcept {
    if (this != &other) {
        sws_freeContext(context_);
        context_ = std::exchange(other.context_, nullptr);
        pool_ = std::move(other.pool_);
    }
    return *this;
}

RgbFrame FrameConverter::convert(const AVFrame& picture, const FrameOutputOptions& options,
                                 int rotation_deg) {
    if (options.rotation == RotationMode::Ignore || rotation_deg % 360 == 0) {
        return scale(picture, options);
    }
    // Scale in the stored orientation to the turned-back size, then turn: the same pixels as
    // ffmpeg's autorotate (transpose / flips after scaling are exact permutations).
    FrameOutputOptions stored = options;
    if (rotation_deg == 90 || rotation_deg == 270) {
        std::swap(stored.width, stored.height);
    }
    return rotate(scale(picture, stored), rotation_deg);
}

RgbFrame FrameConverter::rotate(const RgbFrame& frame, int rotation_deg) {
    const bool quarter = rotation_deg == 90 || rotation_deg == 270;
    if (!quarter && rotation_deg != 180) {
        return frame;  // not a multiple of 90 degrees: shown as stored, as ffmpeg does
    }
    const int width = quarter ? frame.height : frame.width;
    const int height = quarter ? frame.width : frame.height;
    const int stride = width * 3;
    auto pixels = pool_->acquire(std::size_t(stride) * height);
    for (int y = 0; y < height; ++y) {
        std::uint8_t* out = pixels->data() + std::size_t(y) * stride;
        for (int x = 0; x < width; ++x) {
            int source_x = 0;
            int source_y = 0;
            if (rotation_deg == 90) {  // clockwise
                source_x = y;
                source_y = frame.height - 1 - x;
            } else if (rotation_deg == 270) {
                source_x = frame.width - 1 - y;
                source_y = x;
            } else {
                source_x = frame.width - 1 - x;
                source_y = frame.height - 1 - y;
            }
            std::memcpy(out + x * 3, frame.row(source_y) + source_x * 3, 3);
        }
    }
    RgbFrame turned = frame;
    turned.width = width;
    turned.height = height;
    turned.stride = stride;
    turned.pixels = std::move(pixels);
    return turned;
}

RgbFrame FrameConverter::scale(const AVFrame& picture, const FrameOutputOptions& options) {
    const auto format = static_cast<AVPixelFormat>(picture.format);
    const AVPixFmtDescriptor* descriptor = av_pix_fmt_desc_get(format);
    if (!descriptor || picture.width <= 0 || picture.height <= 0) {
        throw Error("cannot convert a decoded picture with an unknown format or size");
    }
    const int out_width = options.nativeSize() ? picture.width : options.width;
    const int out_height = options.nativeSize() ? picture.height : options.height;
    if (std::int64_t(out_width) * out_height > kMaxPixels) {
        throw Error("requested frame size " + std::to_string(out_width) + "x" +
                    std::to_string(out_height) + " is too large");
    }

    // Source region (crop) and destination region (letterbox) for the resize mode.
    Rect source{0, 0, picture.width, picture.height};
    Rect target{0, 0, out_width, out_height};
    if (!options.nativeSize() && options.resize != ResizeMode::Stretch) {
        const double scale_x = double(out_width) / picture.width;
        const double scale_y = double(out_height) / picture.height;
        if (options.resize == ResizeMode::CropCenter) {
            const double scale = std::max(scale_x, scale_y);
            const int crop_width =
                std::clamp(int(std::lround(out_width / scale)), 1, picture.width);
            const int crop_height =
                std::clamp(int(std::lround(out_height / scale)), 1, picture.height);
            source = {alignDown((picture.width - crop_width) / 2, descriptor->log2_chroma_w),
                      alignDown((picture.height - crop_height) / 2, descriptor->log2_chroma_h),
                      crop_width, crop_height};
        } else {
            const double scale = std::min(scale_x, scale_y);
            const int fit_width = std::clamp(int(std::lround(picture.width * scale)), 1, out_width);
            const int fit_height =
                std::clamp(int(std::lround(picture.height * scale)), 1, out_height);
            target = {(out_width - fit_width) / 2, (out_height - fit_height) / 2, fit_width,
                      fit_height};
        }
    }

    context_ = sws_getCachedContext(context_, source.width, source.height, format, target.width,
                                    target.height, AV_PIX_FMT_RGB24, swsFlags(options.filter),
                                    nullptr, nullptr, nullptr);
    if (!context_) {
        throw Error(std::string("cannot convert pictures of pixel format ") + descriptor->name +
                    " to RGB");
    }
    // Colour matrix and range as the ffmpeg tool's scale filter sets them.
    int* inv_table = nullptr;
    int* table = nullptr;
    int src_range = 0;
    int dst_range = 0;
    int brightness = 0;
    int contrast = 0;
    int saturation = 0;
    sws_getColorspaceDetails(context_, &inv_table, &src_range, &table, &dst_range, &brightness,
                             &contrast, &saturation);
    const int* coefficients = inputCoefficients(picture.colorspace);
    if (picture.color_range != AVCOL_RANGE_UNSPECIFIED) {
        src_range = picture.color_range == AVCOL_RANGE_JPEG ? 1 : 0;
    }
    sws_setColorspaceDetails(context_, coefficients, src_range, coefficients, dst_range, brightness,
                             contrast, saturation);

    const int stride = out_width * 3;
    const std::size_t size = std::size_t(stride) * out_height;
    if (!pool_) {
        pool_ = std::make_shared<BufferPool>();
    }
    auto pixels = pool_->acquire(size);
    if (target.width != out_width || target.height != out_height) {
        std::memset(pixels->data(), 0, size);  // black letterbox bars
    }

    const std::uint8_t* source_planes[4] = {};
    for (int plane = 0; plane < 4 && picture.data[plane]; ++plane) {
        const bool chroma = plane == 1 || plane == 2;
        const int x = chroma ? source.x >> descriptor->log2_chroma_w : source.x;
        const int y = chroma ? source.y >> descriptor->log2_chroma_h : source.y;
        // Bytes from one pixel to the next in this plane (2 for 16-bit samples, 3 for RGB24).
        int step = 1;
        for (int component = 0; component < descriptor->nb_components; ++component) {
            if (descriptor->comp[component].plane == plane) {
                step = std::max(1, descriptor->comp[component].step);
            }
        }
        source_planes[plane] = picture.data[plane] + std::ptrdiff_t(y) * picture.linesize[plane] +
                               std::ptrdiff_t(x) * step;
    }
    if ((source.x != 0 || source.y != 0) && (descriptor->flags & AV_PIX_FMT_FLAG_BITSTREAM)) {
        throw Error(std::string("cannot crop pictures of pixel format ") + descriptor->name);
    }
    std::uint8_t* target_planes[4] = {
        pixels->data() + std::size_t(target.y) * stride + std::size_t(target.x) * 3, nullptr,
        nullptr, nullptr};
    const int target_strides[4] = {stride, 0, 0, 0};
    const int rows = sws_scale(context_, source_planes, picture.linesize, 0, source.height,
                               target_planes, target_strides);
    if (rows <= 0) {
        throw Error("converting a decoded picture to RGB failed");
    }
    RgbFrame frame;
    frame.width = out_width;
    frame.height = out_height;
    frame.stride = stride;
    frame.pixels = std::move(pixels);
    return frame;
}

}  // namespace actbert::video::detail
