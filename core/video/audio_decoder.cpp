#include "core/video/audio_decoder.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"

namespace actbert::video {

namespace {

using detail::quoted;

struct ResamplerDeleter {
    void operator()(SwrContext* context) const { swr_free(&context); }
};
using ResamplerPtr = std::unique_ptr<SwrContext, ResamplerDeleter>;

// Longest range one read() may ask for; a hostile or mistaken call must not allocate GBs.
constexpr double kMaxReadS = 4.0 * 3600.0;

}  // namespace

class AudioDecoder::Impl {
public:
    Impl(const std::filesystem::path& path, AudioFormat format, int stream_index)
        : path_(path), format_(format) {
        if (format_.sample_rate < 1000 || format_.sample_rate > 384000 || format_.channels < 1 ||
            format_.channels > 8) {
            throw Error("audio of " + quoted(path) + ": unsupported output format " +
                        std::to_string(format_.sample_rate) + " Hz, " +
                        std::to_string(format_.channels) + " channels");
        }
        input_ = detail::openInput(path_);
        info_ = detail::describeInput(input_.get(), path_);
        if (stream_index < 0) {
            stream_index_ = detail::findBestStream(input_.get(), AVMEDIA_TYPE_AUDIO, path_);
        } else if (stream_index < static_cast<int>(input_->nb_streams) &&
                   input_->streams[stream_index]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) {
            stream_index_ = stream_index;
        } else {
            throw Error(quoted(path_) + ": stream " + std::to_string(stream_index) +
                        " is not an audio stream");
        }
        for (unsigned i = 0; i < input_->nb_streams; ++i) {
            input_->streams[i]->discard =
                static_cast<int>(i) == stream_index_ ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
        }
        stream_ = input_->streams[stream_index_];
        codec_ = detail::openDecoder(stream_, /*threads=*/1, path_);
        packet_ = detail::allocPacket();
        decoded_ = detail::allocFrame();
        origin_s_ = detail::containerStartS(input_.get());
    }

    AudioChunk next() {
        AudioChunk chunk;
        while (chunk.samples.empty()) {
            const AVFrame* frame = decodeFrame();
            if (!frame) {
                flushResampler(chunk.samples);
                chunk.start_s = next_output_s_;
                return chunk;
            }
            chunk.start_s = resample(*frame, chunk.samples);
        }
        return chunk;
    }

    AudioChunk read(double start_s, double end_s) {
        if (!(end_s > start_s) || !std::isfinite(start_s) || !std::isfinite(end_s) ||
            end_s - start_s > kMaxReadS) {
            throw Error("audio of " + quoted(path_) + ": invalid time range " +
                        std::to_string(start_s) + " .. " + std::to_string(end_s));
        }
        seek(start_s);
        AudioChunk result;
        result.start_s = start_s;
        const auto total =
            static_cast<std::int64_t>(std::llround((end_s - start_s) * format_.sample_rate));
        result.samples.assign(static_cast<std::size_t>(total) * format_.channels, 0.0f);
        std::int64_t written_until = 0;  // frames of `result` filled so far
        while (written_until < total) {
            AudioChunk chunk = next();
            if (chunk.samples.empty()) {
                // End of stream: the rest is beyond the audio.
                result.samples.resize(static_cast<std::size_t>(written_until) * format_.channels);
                break;
            }
            const auto offset = static_cast<std::int64_t>(
                std::llround((chunk.start_s - start_s) * format_.sample_rate));
            const std::int64_t frames = chunk.frameCount(format_.channels);
            const std::int64_t from = std::max<std::int64_t>(0, -offset);
            const std::int64_t to = std::min<std::int64_t>(frames, total - offset);
            if (to > from) {
                std::copy(chunk.samples.begin() + from * format_.channels,
                          chunk.samples.begin() + to * format_.channels,
                          result.samples.begin() + (offset + from) * format_.channels);
                written_until = std::max(written_until, offset + to);
            }
        }
        return result;
    }

    void seek(double time_s) {
        const double stream_s = std::max(0.0, time_s) + origin_s_;
        const auto timestamp =
            static_cast<std::int64_t>(std::floor(stream_s / av_q2d(stream_->time_base)));
        // A seek error leaves the position unchanged; the decode then starts there.
        av_seek_frame(input_.get(), stream_index_, timestamp, AVSEEK_FLAG_BACKWARD);
        avcodec_flush_buffers(codec_.get());
        resampler_.reset();
        draining_ = false;
        ended_ = false;
    }

    ~Impl() { av_channel_layout_uninit(&in_layout_); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    const AudioFormat& format() const { return format_; }
    const StreamInfo& stream() const { return info_.streams[stream_index_]; }

private:
    // The next decoded frame, or nullptr at the end of the stream.
    const AVFrame* decodeFrame() {
        while (!ended_) {
            int result = avcodec_receive_frame(codec_.get(), decoded_.get());
            if (result == 0) {
                return decoded_.get();
            }
            if (result == AVERROR_EOF || (result == AVERROR(EAGAIN) && draining_)) {
                ended_ = true;
                break;
            }
            if (result != AVERROR(EAGAIN)) {
                throw Error("audio of " + quoted(path_) +
                            ": decoding failed: " + detail::avErrorText(result));
            }
            result = av_read_frame(input_.get(), packet_.get());
            if (result < 0) {
                avcodec_send_packet(codec_.get(), nullptr);
                draining_ = true;
                continue;
            }
            if (packet_->stream_index == stream_index_) {
                const int sent = avcodec_send_packet(codec_.get(), packet_.get());
                if (sent < 0 && sent != AVERROR_INVALIDDATA && sent != AVERROR(EAGAIN)) {
                    av_packet_unref(packet_.get());
                    throw Error("audio of " + quoted(path_) +
                                ": decoding failed: " + detail::avErrorText(sent));
                }
            }
            av_packet_unref(packet_.get());
        }
        return nullptr;
    }

    // Appends `frame` resampled to `out`; returns the file time of the first appended sample.
    double resample(const AVFrame& frame, std::vector<float>& out) {
        if (!resampler_ || frame.sample_rate != in_rate_ || frame.format != in_format_ ||
            av_channel_layout_compare(&frame.ch_layout, &in_layout_) != 0) {
            openResampler(frame);
            const std::int64_t pts = frame.best_effort_timestamp;
            next_output_s_ = pts == AV_NOPTS_VALUE
                                 ? next_output_s_
                                 : double(pts) * av_q2d(stream_->time_base) - origin_s_;
        }
        const double start_s = next_output_s_;
        const int capacity = swr_get_out_samples(resampler_.get(), frame.nb_samples);
        if (capacity < 0) {
            throw Error("audio of " + quoted(path_) + ": resampling failed");
        }
        const std::size_t before = out.size();
        out.resize(before + std::size_t(capacity) * format_.channels);
        auto* target = reinterpret_cast<std::uint8_t*>(out.data() + before);
        const int produced =
            swr_convert(resampler_.get(), &target, capacity,
                        const_cast<const std::uint8_t**>(frame.extended_data), frame.nb_samples);
        if (produced < 0) {
            throw Error("audio of " + quoted(path_) +
                        ": resampling failed: " + detail::avErrorText(produced));
        }
        out.resize(before + std::size_t(produced) * format_.channels);
        next_output_s_ += double(produced) / format_.sample_rate;
        return start_s;
    }

    void flushResampler(std::vector<float>& out) {
        if (!resampler_) {
            return;
        }
        const int capacity = swr_get_out_samples(resampler_.get(), 0);
        if (capacity > 0) {
            out.resize(std::size_t(capacity) * format_.channels);
            auto* target = reinterpret_cast<std::uint8_t*>(out.data());
            const int produced = swr_convert(resampler_.get(), &target, capacity, nullptr, 0);
            out.resize(std::size_t(std::max(produced, 0)) * format_.channels);
        }
        resampler_.reset();
    }

    void openResampler(const AVFrame& frame) {
        AVChannelLayout input_layout{};
        if (frame.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || frame.ch_layout.nb_channels == 0) {
            av_channel_layout_default(&input_layout, std::max(1, frame.ch_layout.nb_channels));
        } else {
            av_channel_layout_copy(&input_layout, &frame.ch_layout);
        }
        AVChannelLayout output_layout{};
        av_channel_layout_default(&output_layout, format_.channels);
        SwrContext* raw = nullptr;
        int result = swr_alloc_set_opts2(
            &raw, &output_layout, AV_SAMPLE_FMT_FLT, format_.sample_rate, &input_layout,
            static_cast<AVSampleFormat>(frame.format), frame.sample_rate, 0, nullptr);
        ResamplerPtr resampler(raw);
        if (result >= 0) {
            result = swr_init(resampler.get());
        }
        av_channel_layout_uninit(&output_layout);
        av_channel_layout_uninit(&input_layout);
        if (result < 0) {
            throw Error("audio of " + quoted(path_) + ": cannot resample " +
                        std::to_string(frame.sample_rate) +
                        " Hz audio: " + detail::avErrorText(result));
        }
        in_rate_ = frame.sample_rate;
        in_format_ = frame.format;
        // Compare later frames against what they report, not the substitute layout.
        av_channel_layout_uninit(&in_layout_);
        av_channel_layout_copy(&in_layout_, &frame.ch_layout);
        resampler_ = std::move(resampler);
    }

    std::filesystem::path path_;
    AudioFormat format_;
    MediaInfo info_;
    detail::FormatContextPtr input_;
    int stream_index_ = -1;
    AVStream* stream_ = nullptr;
    detail::CodecContextPtr codec_;
    detail::PacketPtr packet_;
    detail::FramePtr decoded_;
    ResamplerPtr resampler_;
    AVChannelLayout in_layout_{};
    int in_rate_ = 0;
    int in_format_ = -1;
    double origin_s_ = 0.0;
    double next_output_s_ = 0.0;  // file time of the next resampled sample
    bool draining_ = false;
    bool ended_ = false;
};

AudioDecoder::AudioDecoder(const std::filesystem::path& path, AudioFormat format, int stream_index)
    : impl_(std::make_unique<Impl>(path, format, stream_index)) {}
AudioDecoder::~AudioDecoder() = default;
AudioDecoder::AudioDecoder(AudioDecoder&&) noexcept = default;
AudioDecoder& AudioDecoder::operator=(AudioDecoder&&) noexcept = default;

const AudioFormat& AudioDecoder::format() const {
    return impl_->format();
}
const StreamInfo& AudioDecoder::stream() const {
    return impl_->stream();
}
AudioChunk AudioDecoder::read(double start_s, double end_s) {
    return impl_->read(start_s, end_s);
}
AudioChunk AudioDecoder::next() {
    return impl_->next();
}
void AudioDecoder::seek(double time_s) {
    impl_->seek(time_s);
}

}  // namespace actbert::video
