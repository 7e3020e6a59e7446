#include "core/video/proxy_writer.h"

extern "C" {
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <random>
#include <system_error>
#include <utility>

#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"
#include "core/video/video_decoder.h"

namespace actbert::video {

namespace {

// Owns a muxer and its output file; closing the file before freeing the context.
struct OutputDeleter {
    void operator()(AVFormatContext* output) const {
        if (output->pb && !(output->oformat->flags & AVFMT_NOFILE)) {
            avio_closep(&output->pb);
        }
        avformat_free_context(output);
    }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;

struct SwsDeleter {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};

// Removes the temporary file unless the write completed and renamed it.
class TemporaryFile {
public:
    explicit TemporaryFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~TemporaryFile() {
        if (!kept_) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::filesystem::path& path() const { return path_; }
    void keep() { kept_ = true; }

private:
    std::filesystem::path path_;
    bool kept_ = false;
};

std::filesystem::path temporaryPathFor(const std::filesystem::path& target) {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    return target.parent_path() / (target.filename().string() + ".partial-" +
                                   std::to_string(random()) + "-" + std::to_string(++counter));
}

int evenAtLeastTwo(double value) {
    return std::max(2, static_cast<int>(std::lround(value / 2.0)) * 2);
}

class ProxyEncoder {
public:
    ProxyEncoder(const std::filesystem::path& file, const std::filesystem::path& target,
                 ProxySize size, double fps, ProxyCodec codec)
        : target_(target) {
        const AVCodec* encoder = codec == ProxyCodec::H264Intra
                                     ? avcodec_find_encoder_by_name("libx264")
                                     : avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (!encoder) {
            fail(std::string("FFmpeg was built without the ") + toString(codec) + " encoder");
        }
        AVFormatContext* raw = nullptr;
        int result = avformat_alloc_output_context2(&raw, nullptr, "mp4", file.c_str());
        if (result < 0 || !raw) {
            fail("cannot create an MP4 muxer: " + detail::avErrorText(result));
        }
        output_.reset(raw);
        context_.reset(avcodec_alloc_context3(encoder));
        if (!context_) {
            throw std::bad_alloc();
        }
        // One tick per frame at the source's average rate: frame N has pts N.
        const AVRational rate = av_d2q(fps > 0.0 ? fps : 25.0, 100000);
        context_->width = size.width;
        context_->height = size.height;
        context_->time_base = av_inv_q(rate);
        context_->framerate = rate;
        context_->gop_size = 1;  // every frame a key frame: any frame decodes on its own
        context_->max_b_frames = 0;
        context_->colorspace = AVCOL_SPC_BT470BG;  // what swscale's RGB to YUV produces
        context_->color_primaries = AVCOL_PRI_BT709;
        context_->color_trc = AVCOL_TRC_BT709;
        if (codec == ProxyCodec::H264Intra) {
            context_->pix_fmt = AV_PIX_FMT_YUV420P;
            context_->color_range = AVCOL_RANGE_MPEG;
            av_opt_set(context_->priv_data, "preset", "veryfast", 0);
            av_opt_set(context_->priv_data, "crf", "24", 0);
        } else {
            context_->pix_fmt = AV_PIX_FMT_YUVJ420P;
            context_->color_range = AVCOL_RANGE_JPEG;
            context_->flags |= AV_CODEC_FLAG_QSCALE;
            context_->global_quality = FF_QP2LAMBDA * 4;
        }
        if (output_->oformat->flags & AVFMT_GLOBALHEADER) {
            context_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        }
        result = avcodec_open2(context_.get(), encoder, nullptr);
        if (result < 0) {
            fail(std::string("cannot open the ") + encoder->name +
                 " encoder: " + detail::avErrorText(result));
        }
        stream_ = avformat_new_stream(output_.get(), nullptr);
        if (!stream_) {
            throw std::bad_alloc();
        }
        stream_->time_base = context_->time_base;
        stream_->avg_frame_rate = rate;
        result = avcodec_parameters_from_context(stream_->codecpar, context_.get());
        if (result < 0) {
            fail("invalid encoder parameters: " + detail::avErrorText(result));
        }
        result = avio_open(&output_->pb, file.c_str(), AVIO_FLAG_WRITE);
        if (result < 0) {
            fail("cannot create " + detail::quoted(file) + ": " + detail::avErrorText(result));
        }
        result = avformat_write_header(output_.get(), nullptr);
        if (result < 0) {
            fail("cannot write the MP4 header: " + detail::avErrorText(result));
        }
        picture_ = detail::allocFrame();
        picture_->format = context_->pix_fmt;
        picture_->width = size.width;
        picture_->height = size.height;
        result = av_frame_get_buffer(picture_.get(), 0);
        if (result < 0) {
            throw std::bad_alloc();
        }
        packet_ = detail::allocPacket();
    }

    void add(const RgbFrame& frame, std::int64_t number) {
        if (frame.width != context_->width || frame.height != context_->height) {
            fail("frame " + std::to_string(number) + " came out " + std::to_string(frame.width) +
                 "x" + std::to_string(frame.height));
        }
        scaler_.reset(sws_getCachedContext(
            scaler_.release(), frame.width, frame.height, AV_PIX_FMT_RGB24, frame.width,
            frame.height, context_->pix_fmt, SWS_BICUBIC, nullptr, nullptr, nullptr));
        if (!scaler_) {
            fail("cannot convert RGB to the encoder's pixel format");
        }
        int result = av_frame_make_writable(picture_.get());
        if (result < 0) {
            throw std::bad_alloc();
        }
        const std::uint8_t* source[4] = {frame.pixels->data(), nullptr, nullptr, nullptr};
        const int source_stride[4] = {frame.stride, 0, 0, 0};
        sws_scale(scaler_.get(), source, source_stride, 0, frame.height, picture_->data,
                  picture_->linesize);
        picture_->pts = number;
        send(picture_.get());
    }

    void finish() {
        send(nullptr);
        const int result = av_write_trailer(output_.get());
        if (result < 0) {
            fail("cannot finish the MP4 file: " + detail::avErrorText(result));
        }
        avio_closep(&output_->pb);
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw Error("cannot write the proxy " + detail::quoted(target_) + ": " + why);
    }

    void send(const AVFrame* picture) {
        int result = avcodec_send_frame(context_.get(), picture);
        if (result < 0) {
            fail("encoding failed: " + detail::avErrorText(result));
        }
        while (true) {
            result = avcodec_receive_packet(context_.get(), packet_.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) {
                return;
            }
            if (result < 0) {
                fail("encoding failed: " + detail::avErrorText(result));
            }
            av_packet_rescale_ts(packet_.get(), context_->time_base, stream_->time_base);
            packet_->stream_index = stream_->index;
            result = av_interleaved_write_frame(output_.get(), packet_.get());
            if (result < 0) {
                fail("cannot write a packet: " + detail::avErrorText(result));
            }
        }
    }

    std::filesystem::path target_;
    OutputPtr output_;
    detail::CodecContextPtr context_;
    AVStream* stream_ = nullptr;
    detail::FramePtr picture_;
    detail::PacketPtr packet_;
    std::unique_ptr<SwsContext, SwsDeleter> scaler_;
};

}  // namespace

ProxySize proxySizeFor(int display_width, int display_height, int width) {
    if (display_width <= 0 || display_height <= 0) {
        return {};
    }
    const int target = std::min(std::max(width, 2), display_width);
    ProxySize size;
    size.width = evenAtLeastTwo(target);
    size.height = evenAtLeastTwo(static_cast<double>(display_height) * size.width / display_width);
    return size;
}

void writeProxy(const std::filesystem::path& source, const FrameIndex& source_index,
                const std::filesystem::path& target, const ProxyOptions& options,
                const ProgressFn& progress, const CancelToken& cancel) {
    // Threads as the ffmpeg tool chooses them: the proxy job runs in the background.
    VideoDecoder decoder(source, {}, source_index, {}, cancel);
    const StreamInfo& stream = decoder.videoStream();
    const bool turned = stream.rotation_deg == 90 || stream.rotation_deg == 270;
    double display_width = turned ? stream.height : stream.width;
    const double display_height = turned ? stream.width : stream.height;
    if (stream.sample_aspect.num > 0 && stream.sample_aspect.den > 0 && !turned) {
        display_width *= stream.sample_aspect.toDouble();
    }
    const ProxySize size = proxySizeFor(static_cast<int>(std::lround(display_width)),
                                        static_cast<int>(display_height), options.width);
    if (size.width <= 0 || decoder.frameCount() == 0) {
        throw Error("cannot write a proxy of " + detail::quoted(source) + ": it has no frames");
    }
    std::error_code error;
    std::filesystem::create_directories(target.parent_path(), error);
    TemporaryFile temporary(temporaryPathFor(target));
    ProxyEncoder encoder(temporary.path(), target, size, source_index.measuredFps(), options.codec);
    FrameOutputOptions output;
    output.width = size.width;
    output.height = size.height;
    output.resize = ResizeMode::Stretch;
    const std::int64_t count = decoder.frameCount();
    const std::int64_t report_every = std::max<std::int64_t>(1, count / 200);
    reportProgress(progress, 0.0, "writing the scrub proxy");
    for (std::int64_t number = 0; number < count; ++number) {
        cancel.throwIfCancelled();
        std::optional<RgbFrame> frame = decoder.nextFrame(output);
        if (!frame) {
            throw Error("cannot write a proxy of " + detail::quoted(source) + ": frame " +
                        std::to_string(number) + " of " + std::to_string(count) +
                        " cannot be decoded");
        }
        encoder.add(*frame, number);
        if (number % report_every == 0) {
            reportProgress(progress, static_cast<double>(number) / count,
                           "writing the scrub proxy");
        }
    }
    encoder.finish();
    std::filesystem::rename(temporary.path(), target, error);
    if (error) {
        throw Error("cannot write the proxy " + detail::quoted(target) + ": " + error.message());
    }
    temporary.keep();
    reportProgress(progress, 1.0, "scrub proxy written");
}

const char* toString(ProxyCodec codec) {
    switch (codec) {
        case ProxyCodec::H264Intra:
            return "libx264";
        case ProxyCodec::Mjpeg:
            return "mjpeg";
    }
    return "unknown";
}

}  // namespace actbert::video
