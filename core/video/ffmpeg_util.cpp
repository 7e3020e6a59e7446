#include "core/video/ffmpeg_util.h"

#include <system_error>

#include "core/common/error.h"

namespace actbert::video::detail {

FramePtr allocFrame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) {
        throw std::bad_alloc();
    }
    return frame;
}

PacketPtr allocPacket() {
    PacketPtr packet(av_packet_alloc());
    if (!packet) {
        throw std::bad_alloc();
    }
    return packet;
}

std::string avErrorText(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof(text));
    return text;
}

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

FormatContextPtr openInput(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) {
        throw Error("cannot open " + quoted(path) + ": no such file");
    }
    if (!std::filesystem::is_regular_file(status)) {
        throw Error("cannot open " + quoted(path) + ": not a regular file");
    }
    if (std::filesystem::file_size(path, error) == 0) {
        throw Error("cannot open " + quoted(path) + ": the file is empty");
    }
    AVFormatContext* raw = nullptr;
    int result = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (result < 0) {
        throw Error("cannot open " + quoted(path) + " as a media file: " + avErrorText(result));
    }
    FormatContextPtr input(raw);
    result = avformat_find_stream_info(input.get(), nullptr);
    if (result < 0) {
        throw Error("cannot read the streams of " + quoted(path) + ": " + avErrorText(result));
    }
    return input;
}

int findBestStream(AVFormatContext* input, AVMediaType type, const std::filesystem::path& path) {
    const int index = av_find_best_stream(input, type, -1, -1, nullptr, 0);
    if (index < 0) {
        const char* what = av_get_media_type_string(type);
        throw Error(quoted(path) + " has no " + std::string(what ? what : "such") + " stream");
    }
    return index;
}

CodecContextPtr openDecoder(const AVStream* stream, int threads,
                            const std::filesystem::path& path) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) {
        throw Error(quoted(path) + ": no decoder for codec '" +
                    avcodec_get_name(stream->codecpar->codec_id) + "' of stream " +
                    std::to_string(stream->index));
    }
    if (stream->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
        const std::int64_t pixels =
            std::int64_t(stream->codecpar->width) * std::int64_t(stream->codecpar->height);
        if (stream->codecpar->width <= 0 || stream->codecpar->height <= 0 || pixels > kMaxPixels) {
            throw Error(quoted(path) + ": video stream " + std::to_string(stream->index) +
                        " has an invalid picture size " + std::to_string(stream->codecpar->width) +
                        "x" + std::to_string(stream->codecpar->height));
        }
    }
    CodecContextPtr context(avcodec_alloc_context3(codec));
    if (!context) {
        throw std::bad_alloc();
    }
    int result = avcodec_parameters_to_context(context.get(), stream->codecpar);
    if (result < 0) {
        throw Error(quoted(path) + ": invalid codec parameters: " + avErrorText(result));
    }
    context->pkt_timebase = stream->time_base;
    context->thread_count = threads;
    result = avcodec_open2(context.get(), codec, nullptr);
    if (result < 0) {
        throw Error(quoted(path) + ": cannot open the " + codec->name +
                    " decoder: " + avErrorText(result));
    }
    return context;
}

double containerStartS(const AVFormatContext* input) {
    if (input->start_time == AV_NOPTS_VALUE) {
        return 0.0;
    }
    return static_cast<double>(input->start_time) / AV_TIME_BASE;
}

}  // namespace actbert::video::detail
