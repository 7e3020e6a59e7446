#include "core/video/video_decoder.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"
#include "core/video/frame_cache.h"
#include "core/video/frame_converter.h"

namespace actbert::video {

namespace {

using detail::quoted;

// Frames this close before the target are decoded in full (and cached) even when the codec
// could skip them, so that stepping backwards from the target hits the cache.
constexpr std::int64_t kFullDecodeWindow = 32;
// Continue decoding instead of seeking when the target is at most this far ahead.
constexpr std::int64_t kContinueDistance = 16;
// Packets read after a seek while looking for the key frame's packet before giving up.
constexpr std::int64_t kMaxPacketsToKey = 200000;

// Codecs where a non-reference picture can be skipped without changing any other picture.
bool canSkipNonReference(AVCodecID codec) {
    return codec == AV_CODEC_ID_H264 || codec == AV_CODEC_ID_HEVC ||
           codec == AV_CODEC_ID_MPEG1VIDEO || codec == AV_CODEC_ID_MPEG2VIDEO;
}

void discardOtherStreams(AVFormatContext* input, int stream_index) {
    for (unsigned i = 0; i < input->nb_streams; ++i) {
        input->streams[i]->discard =
            static_cast<int>(i) == stream_index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
}

}  // namespace

class VideoDecoder::Impl {
public:
    Impl(const std::filesystem::path& path, VideoDecoderOptions options,
         std::optional<FrameIndex> index, const ProgressFn& progress, const CancelToken& cancel)
        : path_(path), options_(options), cache_(options.cache_bytes) {
        input_ = detail::openInput(path_);
        info_ = detail::describeInput(input_.get(), path_);
        stream_index_ = detail::findBestStream(input_.get(), AVMEDIA_TYPE_VIDEO, path_);
        if (index) {
            if (index->empty() || index->streamIndex() != stream_index_ ||
                index->sourceSizeBytes() != info_.file_size_bytes) {
                throw Error("the frame index given for " + quoted(path_) +
                            " was built from another file or version of it; rebuild it");
            }
            index_ = std::move(*index);
        } else {
            index_ = FrameIndexBuilder::build(path_, options_.index_strategy, progress, cancel);
        }
        discardOtherStreams(input_.get(), stream_index_);
        stream_ = input_->streams[stream_index_];
        codec_ = detail::openDecoder(stream_, options_.threads, path_);
        packet_ = detail::allocPacket();
        picture_ = detail::allocFrame();
        info_.streams[stream_index_].measured_fps = index_.measuredFps();
        skip_non_reference_ = canSkipNonReference(stream_->codecpar->codec_id) &&
                              index_.method() == IndexMethod::PacketScan;
    }

    RgbFrame frameAt(std::int64_t index, const FrameOutputOptions& output) {
        if (index < 0 || index >= index_.size()) {
            throw Error(quoted(path_) + ": frame " + std::to_string(index) +
                        " is out of range (the video has " + std::to_string(index_.size()) +
                        " frames)");
        }
        const AVFrame& picture = decodePicture(index);
        RgbFrame frame = converter_.convert(picture, output, videoStream().rotation_deg);
        const FrameEntry& entry = index_[index];
        frame.index = index;
        frame.pts = entry.pts;
        frame.time_s = entry.time_s;
        frame.is_key = entry.is_key;
        return frame;
    }

    std::optional<RgbFrame> nextFrame(const FrameOutputOptions& output) {
        if (next_ >= index_.size()) {
            return std::nullopt;
        }
        RgbFrame frame = frameAt(next_, output);
        ++next_;
        return frame;
    }

    void setNextFrame(std::int64_t index) {
        next_ = std::clamp<std::int64_t>(index, 0, index_.size());
    }

    const std::filesystem::path& path() const { return path_; }
    const MediaInfo& info() const { return info_; }
    const StreamInfo& videoStream() const { return info_.streams[stream_index_]; }
    const FrameIndex& frameIndex() const { return index_; }
    Stats stats() const { return stats_; }

private:
    const AVFrame& decodePicture(std::int64_t index) {
        // The picture just returned is still held (unless the decoder moved on since).
        if (active_ && last_index_ == index && picture_->buf[0]) {
            return *picture_;
        }
        if (const AVFrame* cached = cache_.find(index)) {
            ++stats_.cache_hits;
            return *cached;
        }
        const std::int64_t key = index_.keyFrameAtOrBefore(index);
        const bool continue_decoding =
            active_ && !eof_ && last_index_ < index &&
            (key <= last_index_ + 1 || index - last_index_ <= kContinueDistance);
        if (!continue_decoding) {
            seekToKey(key);
        }
        target_ = index;
        while (receivePicture()) {
            if (last_index_ == index) {
                return *picture_;
            }
            if (last_index_ > index) {
                break;
            }
        }
        throw Error(quoted(path_) + ": frame " + std::to_string(index) +
                    " could not be decoded (the file may be damaged)");
    }

    // Decodes the next picture that belongs to the index into picture_; false at the end.
    bool receivePicture() {
        while (true) {
            int result = avcodec_receive_frame(codec_.get(), picture_.get());
            if (result == 0) {
                ++stats_.frames_decoded;
                std::optional<std::int64_t> found;
                if (picture_->best_effort_timestamp != AV_NOPTS_VALUE) {
                    found = index_.frameWithPts(picture_->best_effort_timestamp);
                } else if (last_index_ + 1 < index_.size()) {
                    // No timestamp (the tail of an AVI with B-frames): the index gave it the
                    // place after the previous picture, as ffmpeg does.
                    found = last_index_ + 1;
                }
                if (!found || *found < floor_) {
                    continue;  // a picture decoded only as a reference, or broken by the seek
                }
                last_index_ = *found;
                cache_.put(last_index_, *picture_);
                return true;
            }
            if (result == AVERROR_EOF) {
                eof_ = true;
                return false;
            }
            if (result != AVERROR(EAGAIN)) {
                throw Error(quoted(path_) + ": decoding failed: " + detail::avErrorText(result));
            }
            if (draining_) {
                eof_ = true;
                return false;
            }
            result = av_read_frame(input_.get(), packet_.get());
            if (result < 0) {
                // End of file or an unreadable tail: flush the pictures still in the decoder.
                avcodec_send_packet(codec_.get(), nullptr);
                draining_ = true;
                continue;
            }
            if (packet_->stream_index == stream_index_) {
                sendPacket();
            }
            av_packet_unref(packet_.get());
        }
    }

    void sendPacket() {
        if (skip_non_reference_) {
            // Far before the target, skip pictures nothing else refers to.
            std::optional<std::int64_t> packet_index;
            if (packet_->pts != AV_NOPTS_VALUE) {
                packet_index = index_.frameWithPts(packet_->pts);
            }
            const bool far = packet_index && *packet_index < target_ - kFullDecodeWindow;
            codec_->skip_frame = far ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
        }
        const int result = avcodec_send_packet(codec_.get(), packet_.get());
        // Invalid data in one packet is skipped, as the ffmpeg tool does.
        if (result < 0 && result != AVERROR_INVALIDDATA && result != AVERROR(EAGAIN)) {
            throw Error(quoted(path_) + ": decoding failed: " + detail::avErrorText(result));
        }
    }

    void resetDecoder(std::int64_t floor) {
        avcodec_flush_buffers(codec_.get());
        active_ = true;
        eof_ = false;
        draining_ = false;
        floor_ = floor;
        last_index_ = floor - 1;
        ++stats_.seeks;
    }

    // Positions the demuxer so the next packet read is the key frame's, and the decoder empty.
    void seekToKey(std::int64_t key) {
        const bool locatable =
            key >= 0 && (index_.method() == IndexMethod::PacketScan ||
                         index_[key].dts != kNoTimestamp || index_[key].pos >= 0);
        if (!locatable) {
            // The first shown frame is not a key frame (an edit list starting mid-GOP), or the
            // key frame's packet is unknown: decode from the very first packet.
            decodeFromStart();
            return;
        }
        resetDecoder(key);
        const FrameEntry& entry = index_[key];
        const std::int64_t timestamp =
            entry.dts != kNoTimestamp ? std::min(entry.dts, entry.pts) : entry.pts;
        const std::int64_t one_second =
            std::max<std::int64_t>(1, av_rescale_q(1, AVRational{1, 1}, stream_->time_base));
        // Seek at or before the key frame; if the demuxer lands after it, go further back.
        for (const std::int64_t margin_s : {0, 1, 10, 100}) {
            const int result =
                av_seek_frame(input_.get(), stream_index_, timestamp - margin_s * one_second,
                              AVSEEK_FLAG_BACKWARD);
            if (result >= 0 && skipToPacketOf(entry)) {
                return;
            }
        }
        decodeFromStart();
    }

    void decodeFromStart() {
        resetDecoder(0);
        input_ = detail::openInput(path_);
        discardOtherStreams(input_.get(), stream_index_);
        stream_ = input_->streams[stream_index_];
    }

    // Reads packets until the key packet holding `entry`, which is sent to the decoder.
    // Packet-scan indexes name packets by pts; decode-scan ones by dts or byte position,
    // because their pictures' pts may be the decoder's guess.
    bool skipToPacketOf(const FrameEntry& entry) {
        const bool by_pts = index_.method() == IndexMethod::PacketScan;
        for (std::int64_t read = 0; read < kMaxPacketsToKey; ++read) {
            if (av_read_frame(input_.get(), packet_.get()) < 0) {
                return false;
            }
            if (packet_->stream_index != stream_index_) {
                av_packet_unref(packet_.get());
                continue;
            }
            bool matches = false;
            if ((packet_->flags & AV_PKT_FLAG_KEY) != 0) {
                if (by_pts && packet_->pts != AV_NOPTS_VALUE) {
                    matches = packet_->pts == entry.pts;
                } else if (entry.dts != kNoTimestamp && packet_->dts != AV_NOPTS_VALUE) {
                    matches = packet_->dts == entry.dts;
                } else if (entry.pos >= 0 && packet_->pos >= 0) {
                    matches = packet_->pos == entry.pos;
                }
            }
            if (matches) {
                sendPacket();
                av_packet_unref(packet_.get());
                return true;
            }
            // Byte positions grow in decode order in every container; dts only as a fallback.
            const bool past = (entry.pos >= 0 && packet_->pos >= 0)
                                  ? packet_->pos > entry.pos
                                  : (entry.dts != kNoTimestamp && packet_->dts != AV_NOPTS_VALUE &&
                                     packet_->dts > entry.dts);
            av_packet_unref(packet_.get());
            if (past) {
                return false;
            }
        }
        return false;
    }

    std::filesystem::path path_;
    VideoDecoderOptions options_;
    MediaInfo info_;
    FrameIndex index_;
    detail::FormatContextPtr input_;
    int stream_index_ = -1;
    AVStream* stream_ = nullptr;
    detail::CodecContextPtr codec_;
    detail::PacketPtr packet_;
    detail::FramePtr picture_;  // the last picture out of the decoder
    detail::FrameConverter converter_;
    detail::FrameCache cache_;
    bool skip_non_reference_ = false;

    bool active_ = false;  // the decoder holds a valid position after a seek
    bool eof_ = false;
    bool draining_ = false;
    std::int64_t floor_ = 0;        // pictures before this (left over from a seek) are dropped
    std::int64_t last_index_ = -1;  // frame number of picture_
    std::int64_t target_ = 0;       // the frame being decoded towards
    std::int64_t next_ = 0;         // nextFrame()'s frame
    Stats stats_;
};

VideoDecoder::VideoDecoder(const std::filesystem::path& path, VideoDecoderOptions options,
                           std::optional<FrameIndex> index, const ProgressFn& progress,
                           const CancelToken& cancel)
    : impl_(std::make_unique<Impl>(path, options, std::move(index), progress, cancel)) {}

VideoDecoder::~VideoDecoder() = default;
VideoDecoder::VideoDecoder(VideoDecoder&&) noexcept = default;
VideoDecoder& VideoDecoder::operator=(VideoDecoder&&) noexcept = default;

const std::filesystem::path& VideoDecoder::path() const {
    return impl_->path();
}
const MediaInfo& VideoDecoder::info() const {
    return impl_->info();
}
const StreamInfo& VideoDecoder::videoStream() const {
    return impl_->videoStream();
}
const FrameIndex& VideoDecoder::frameIndex() const {
    return impl_->frameIndex();
}
std::int64_t VideoDecoder::frameCount() const {
    return impl_->frameIndex().size();
}
RgbFrame VideoDecoder::frameAt(std::int64_t index, const FrameOutputOptions& output) {
    return impl_->frameAt(index, output);
}
RgbFrame VideoDecoder::frameAtTime(double time_s, const FrameOutputOptions& output) {
    return impl_->frameAt(impl_->frameIndex().frameAtTime(time_s), output);
}
std::optional<RgbFrame> VideoDecoder::nextFrame(const FrameOutputOptions& output) {
    return impl_->nextFrame(output);
}
void VideoDecoder::setNextFrame(std::int64_t index) {
    impl_->setNextFrame(index);
}
VideoDecoder::Stats VideoDecoder::stats() const {
    return impl_->stats();
}

}  // namespace actbert::video
