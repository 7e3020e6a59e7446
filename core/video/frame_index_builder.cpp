#include "core/video/frame_index_builder.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"

namespace actbert::video {

namespace {

using detail::quoted;

// Containers whose packets carry real presentation timestamps. Others (AVI, raw elementary
// streams) only give decode order, so the pictures' times come from the decoder.
bool containerHasPresentationTimestamps(const AVFormatContext* input) {
    const std::string_view name = input->iformat->name;
    for (std::string_view known : {"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mpeg", "mpegts",
                                   "flv", "ogg", "ivf", "asf", "nut", "mxf"}) {
        if (name == known) {
            return true;
        }
    }
    return false;
}

// Codecs known to turn every packet into exactly one picture.
bool codecHasOnePicturePerPacket(AVCodecID codec) {
    switch (codec) {
        case AV_CODEC_ID_H264:
        case AV_CODEC_ID_HEVC:
        case AV_CODEC_ID_VP8:
        case AV_CODEC_ID_VP9:
        case AV_CODEC_ID_AV1:
        case AV_CODEC_ID_MPEG1VIDEO:
        case AV_CODEC_ID_MPEG2VIDEO:
        case AV_CODEC_ID_MPEG4:
        case AV_CODEC_ID_MJPEG:
        case AV_CODEC_ID_PRORES:
        case AV_CODEC_ID_DNXHD:
        case AV_CODEC_ID_FFV1:
        case AV_CODEC_ID_RAWVIDEO:
        case AV_CODEC_ID_PNG:
        case AV_CODEC_ID_THEORA:
            return true;
        default:
            return false;
    }
}

struct ScannedPacket {
    FrameEntry entry;
    bool discard = false;  // dropped by the decoder (edit list), not a shown frame
};

void reportBytes(const ProgressFn& progress, std::int64_t position, std::int64_t total,
                 const char* message) {
    if (total > 0 && position >= 0) {
        reportProgress(progress, std::min(1.0, double(position) / double(total)), message);
    }
}

// Reads every packet of the stream; returns the shown frames sorted by pts, or nullopt when
// the packets do not determine the pictures exactly (then the caller decodes).
std::optional<std::vector<FrameEntry>> scanPackets(AVFormatContext* input, int stream_index,
                                                   std::int64_t file_size,
                                                   const ProgressFn& progress,
                                                   const CancelToken& cancel) {
    auto packet = detail::allocPacket();
    std::vector<ScannedPacket> packets;
    std::int64_t counter = 0;
    while (true) {
        const int result = av_read_frame(input, packet.get());
        if (result == AVERROR_EOF) {
            break;
        }
        if (result < 0) {
            // A read error mid-file (truncation, corruption): the decoder would stop here too,
            // but only decoding tells which pictures survive.
            return std::nullopt;
        }
        if (packet->stream_index == stream_index) {
            ScannedPacket scanned;
            scanned.entry.pts = packet->pts == AV_NOPTS_VALUE ? kNoTimestamp : packet->pts;
            scanned.entry.dts = packet->dts == AV_NOPTS_VALUE ? kNoTimestamp : packet->dts;
            scanned.entry.pos = packet->pos;
            scanned.entry.is_key = (packet->flags & AV_PKT_FLAG_KEY) != 0;
            scanned.discard = (packet->flags & AV_PKT_FLAG_DISCARD) != 0 ||
                              (packet->flags & AV_PKT_FLAG_CORRUPT) != 0;
            if (packet->size == 0) {
                av_packet_unref(packet.get());
                continue;
            }
            packets.push_back(scanned);
        }
        if ((++counter & 63) == 0) {
            cancel.throwIfCancelled();
            reportBytes(progress, avio_tell(input->pb), file_size, "indexing frames");
        }
        av_packet_unref(packet.get());
    }
    if (packets.empty() || !packets.front().entry.is_key) {
        return std::nullopt;  // the decoder's handling of a headless start is codec-specific
    }
    std::vector<FrameEntry> frames;
    frames.reserve(packets.size());
    const std::int64_t first_key_pts = packets.front().entry.pts;
    for (const ScannedPacket& scanned : packets) {
        if (scanned.entry.pts == kNoTimestamp) {
            return std::nullopt;
        }
        if (scanned.discard) {
            continue;
        }
        // Leading pictures of an open GOP at the very start reference a picture that is not
        // in the file; whether they are shown depends on the decoder.
        if (scanned.entry.pts < first_key_pts && !packets.front().discard) {
            return std::nullopt;
        }
        frames.push_back(scanned.entry);
    }
    std::sort(frames.begin(), frames.end(),
              [](const FrameEntry& a, const FrameEntry& b) { return a.pts < b.pts; });
    for (std::size_t i = 1; i < frames.size(); ++i) {
        if (frames[i].pts == frames[i - 1].pts) {
            return std::nullopt;  // duplicate timestamps: only decoding tells what is shown
        }
    }
    return frames;
}

std::vector<FrameEntry> decodeAll(AVFormatContext* input, int stream_index,
                                  const std::filesystem::path& path, std::int64_t file_size,
                                  const ProgressFn& progress, const CancelToken& cancel) {
    AVStream* stream = input->streams[stream_index];
    auto codec = detail::openDecoder(stream, /*threads=*/0, path);
    auto packet = detail::allocPacket();
    auto frame = detail::allocFrame();
    std::vector<FrameEntry> frames;
    // Key packets in decode order. A decoder with reordering delay attaches another packet's
    // dts and position to its output pictures, so the key pictures get them from here: key
    // pictures are never reordered among themselves, so the n-th key picture is the n-th key
    // packet.
    std::vector<FrameEntry> key_packets;
    std::int64_t counter = 0;
    auto drain = [&]() {
        while (true) {
            const int result = avcodec_receive_frame(codec.get(), frame.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) {
                return;
            }
            if (result < 0) {
                throw Error(quoted(path) + ": decoding failed: " + detail::avErrorText(result));
            }
            FrameEntry entry;
            entry.pts = frame->best_effort_timestamp == AV_NOPTS_VALUE
                            ? kNoTimestamp
                            : frame->best_effort_timestamp;
            entry.dts = frame->pkt_dts == AV_NOPTS_VALUE ? kNoTimestamp : frame->pkt_dts;
            entry.pos = frame->pkt_pos;
            entry.is_key = frame->key_frame != 0;
            if (entry.pts == kNoTimestamp) {
                // The last pictures of a stream without presentation timestamps (AVI with
                // B-frames) come out of the decoder without one; ffmpeg still shows them, so
                // give them the next time in the stream's rhythm.
                const std::size_t count = frames.size();
                const std::int64_t step =
                    count >= 2
                        ? std::max<std::int64_t>(1, frames[count - 1].pts - frames[count - 2].pts)
                        : 1;
                entry.pts = count == 0 ? 0 : frames.back().pts + step;
            }
            frames.push_back(entry);
            av_frame_unref(frame.get());
        }
    };
    while (true) {
        const int result = av_read_frame(input, packet.get());
        if (result < 0) {
            break;  // end of file, or a read error that ends the stream as ffmpeg does
        }
        if (packet->stream_index == stream_index) {
            if ((packet->flags & AV_PKT_FLAG_KEY) != 0) {
                FrameEntry key;
                key.pts = packet->pts == AV_NOPTS_VALUE ? kNoTimestamp : packet->pts;
                key.dts = packet->dts == AV_NOPTS_VALUE ? kNoTimestamp : packet->dts;
                key.pos = packet->pos;
                key_packets.push_back(key);
            }
            // Invalid data in one packet is skipped, as the ffmpeg tool does.
            const int sent = avcodec_send_packet(codec.get(), packet.get());
            if (sent < 0 && sent != AVERROR_INVALIDDATA && sent != AVERROR(EAGAIN)) {
                throw Error(quoted(path) + ": decoding failed: " + detail::avErrorText(sent));
            }
            drain();
        }
        av_packet_unref(packet.get());
        if ((++counter & 63) == 0) {
            cancel.throwIfCancelled();
            reportBytes(progress, avio_tell(input->pb), file_size, "decoding to index frames");
        }
    }
    avcodec_send_packet(codec.get(), nullptr);
    drain();
    const auto key_pictures =
        std::count_if(frames.begin(), frames.end(), [](const FrameEntry& f) { return f.is_key; });
    if (key_pictures == static_cast<std::int64_t>(key_packets.size())) {
        auto key_packet = key_packets.begin();
        for (FrameEntry& frame : frames) {
            if (frame.is_key) {
                frame.dts = key_packet->dts;
                frame.pos = key_packet->pos;
                ++key_packet;
            }
        }
    } else {
        // Without a sure picture-to-packet match the key pictures' packets are unknown, and
        // the decoder starts from the beginning of the file to reach them.
        for (FrameEntry& frame : frames) {
            if (frame.is_key) {
                frame.dts = kNoTimestamp;
                frame.pos = -1;
            }
        }
    }
    return frames;
}

}  // namespace

FrameIndex FrameIndexBuilder::build(const std::filesystem::path& path, IndexStrategy strategy,
                                    const ProgressFn& progress, const CancelToken& cancel) {
    auto input = detail::openInput(path);
    const int stream_index = detail::findBestStream(input.get(), AVMEDIA_TYPE_VIDEO, path);
    for (unsigned i = 0; i < input->nb_streams; ++i) {
        input->streams[i]->discard =
            static_cast<int>(i) == stream_index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    AVStream* stream = input->streams[stream_index];
    const std::int64_t file_size = avio_size(input->pb);
    const Rational time_base{stream->time_base.num, stream->time_base.den};
    const double origin_s = detail::containerStartS(input.get());
    reportProgress(progress, 0.0, "indexing frames");
    cancel.throwIfCancelled();

    if (strategy == IndexStrategy::Auto && containerHasPresentationTimestamps(input.get()) &&
        codecHasOnePicturePerPacket(stream->codecpar->codec_id)) {
        if (auto frames = scanPackets(input.get(), stream_index, file_size, progress, cancel)) {
            reportProgress(progress, 1.0, "indexed frames");
            return FrameIndex(stream_index, time_base, origin_s, IndexMethod::PacketScan,
                              std::move(*frames), file_size);
        }
        // Start again from the top for the decoding pass.
        input = detail::openInput(path);
        for (unsigned i = 0; i < input->nb_streams; ++i) {
            input->streams[i]->discard =
                static_cast<int>(i) == stream_index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
        }
    }
    auto frames = decodeAll(input.get(), stream_index, path, file_size, progress, cancel);
    if (frames.empty()) {
        throw Error(quoted(path) + ": no video frame could be decoded");
    }
    reportProgress(progress, 1.0, "indexed frames");
    try {
        return FrameIndex(stream_index, time_base, origin_s, IndexMethod::DecodeScan,
                          std::move(frames), file_size);
    } catch (const Error& invalid) {
        throw Error(quoted(path) + ": " + invalid.what());
    }
}

}  // namespace actbert::video
