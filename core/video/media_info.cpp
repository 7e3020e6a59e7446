#include "core/video/media_info.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>

#include "core/video/ffmpeg_util.h"

namespace actbert::video {

namespace {

Rational toRational(AVRational value) {
    return Rational{value.num, value.den == 0 ? 1 : value.den};
}

std::string metadataValue(const AVDictionary* metadata, const char* key) {
    const AVDictionaryEntry* entry = av_dict_get(metadata, key, nullptr, 0);
    return entry ? entry->value : std::string();
}

StreamKind kindOf(AVMediaType type) {
    switch (type) {
        case AVMEDIA_TYPE_VIDEO:
            return StreamKind::Video;
        case AVMEDIA_TYPE_AUDIO:
            return StreamKind::Audio;
        case AVMEDIA_TYPE_SUBTITLE:
            return StreamKind::Subtitle;
        case AVMEDIA_TYPE_DATA:
            return StreamKind::Data;
        case AVMEDIA_TYPE_ATTACHMENT:
            return StreamKind::Attachment;
        default:
            return StreamKind::Unknown;
    }
}

// The display matrix stores the counter-clockwise rotation; players rotate clockwise by
// its negation, normalised to [0, 360).
int clockwiseRotationDeg(const AVStream* stream) {
    const auto* matrix = reinterpret_cast<const std::int32_t*>(
        av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr));
    if (!matrix) {
        return 0;
    }
    const double counter_clockwise = av_display_rotation_get(matrix);
    if (std::isnan(counter_clockwise)) {
        return 0;
    }
    int degrees = static_cast<int>(std::lround(-counter_clockwise)) % 360;
    if (degrees < 0) {
        degrees += 360;
    }
    return degrees;
}

double secondsOf(std::int64_t timestamp, AVRational time_base) {
    if (timestamp == AV_NOPTS_VALUE) {
        return 0.0;
    }
    return static_cast<double>(timestamp) * av_q2d(time_base);
}

StreamInfo describeStream(const AVStream* stream) {
    const AVCodecParameters* parameters = stream->codecpar;
    StreamInfo info;
    info.index = stream->index;
    info.kind = kindOf(parameters->codec_type);
    info.codec = avcodec_get_name(parameters->codec_id);
    if (const AVCodecDescriptor* descriptor = avcodec_descriptor_get(parameters->codec_id)) {
        info.codec_long = descriptor->long_name ? descriptor->long_name : descriptor->name;
    }
    info.time_base = toRational(stream->time_base);
    info.start_time_s = secondsOf(stream->start_time, stream->time_base);
    info.duration_s = secondsOf(stream->duration, stream->time_base);
    info.frame_count_hint = stream->nb_frames;
    info.language = metadataValue(stream->metadata, "language");
    info.title = metadataValue(stream->metadata, "title");
    info.is_default = (stream->disposition & AV_DISPOSITION_DEFAULT) != 0;
    if (info.kind == StreamKind::Video) {
        info.width = parameters->width;
        info.height = parameters->height;
        if (const char* name =
                av_get_pix_fmt_name(static_cast<AVPixelFormat>(parameters->format))) {
            info.pixel_format = name;
        }
        info.nominal_fps = toRational(stream->avg_frame_rate);
        info.base_fps = toRational(stream->r_frame_rate);
        info.rotation_deg = clockwiseRotationDeg(stream);
        info.sample_aspect = toRational(parameters->sample_aspect_ratio);
    } else if (info.kind == StreamKind::Audio) {
        info.sample_rate = parameters->sample_rate;
        info.channels = parameters->ch_layout.nb_channels;
        char layout[128] = {};
        if (av_channel_layout_describe(&parameters->ch_layout, layout, sizeof(layout)) > 0) {
            info.channel_layout = layout;
        }
        if (const char* name =
                av_get_sample_fmt_name(static_cast<AVSampleFormat>(parameters->format))) {
            info.sample_format = name;
        }
    }
    return info;
}

}  // namespace

const StreamInfo* MediaInfo::video() const {
    return best_video_stream >= 0 ? &streams[best_video_stream] : nullptr;
}

const StreamInfo* MediaInfo::audio() const {
    return best_audio_stream >= 0 ? &streams[best_audio_stream] : nullptr;
}

std::vector<const StreamInfo*> MediaInfo::streamsOf(StreamKind kind) const {
    std::vector<const StreamInfo*> found;
    for (const auto& stream : streams) {
        if (stream.kind == kind) {
            found.push_back(&stream);
        }
    }
    return found;
}

const char* toString(StreamKind kind) {
    switch (kind) {
        case StreamKind::Video:
            return "video";
        case StreamKind::Audio:
            return "audio";
        case StreamKind::Subtitle:
            return "subtitle";
        case StreamKind::Data:
            return "data";
        case StreamKind::Attachment:
            return "attachment";
        case StreamKind::Unknown:
            break;
    }
    return "unknown";
}

namespace detail {

MediaInfo describeInput(const AVFormatContext* input, const std::filesystem::path& path) {
    MediaInfo info;
    info.path = path;
    info.container = input->iformat->name ? input->iformat->name : "";
    info.container_long = input->iformat->long_name ? input->iformat->long_name : "";
    info.duration_s = input->duration == AV_NOPTS_VALUE
                          ? 0.0
                          : static_cast<double>(input->duration) / AV_TIME_BASE;
    info.start_time_s = containerStartS(input);
    info.bit_rate = input->bit_rate;
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    info.file_size_bytes = error ? 0 : static_cast<std::int64_t>(size);
    for (unsigned i = 0; i < input->nb_streams; ++i) {
        info.streams.push_back(describeStream(input->streams[i]));
    }
    auto* mutable_input = const_cast<AVFormatContext*>(input);
    info.best_video_stream =
        av_find_best_stream(mutable_input, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    info.best_audio_stream =
        av_find_best_stream(mutable_input, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    info.best_video_stream = std::max(info.best_video_stream, -1);
    info.best_audio_stream = std::max(info.best_audio_stream, -1);
    return info;
}

}  // namespace detail

MediaInfo readMediaInfo(const std::filesystem::path& path) {
    const auto input = detail::openInput(path);
    return detail::describeInput(input.get(), path);
}

}  // namespace actbert::video
