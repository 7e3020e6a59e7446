#include "core/video/png_writer.h"

#include <cstring>
#include <string>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"

namespace actbert::video {

void writePng(const RgbFrame& frame, const std::filesystem::path& path) {
    const std::string name = detail::quoted(path);
    if (!frame.valid() || frame.width <= 0 || frame.height <= 0) {
        throw Error("cannot write " + name + ": the frame is empty");
    }
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!codec) {
        throw Error("cannot write " + name + ": FFmpeg was built without a PNG encoder");
    }
    detail::CodecContextPtr encoder(avcodec_alloc_context3(codec));
    if (!encoder) {
        throw std::bad_alloc();
    }
    encoder->width = frame.width;
    encoder->height = frame.height;
    encoder->pix_fmt = AV_PIX_FMT_RGB24;
    encoder->time_base = AVRational{1, 25};
    int result = avcodec_open2(encoder.get(), codec, nullptr);
    if (result < 0) {
        throw Error("cannot write " + name + ": " + detail::avErrorText(result));
    }
    auto picture = detail::allocFrame();
    picture->width = frame.width;
    picture->height = frame.height;
    picture->format = AV_PIX_FMT_RGB24;
    // The encoder only reads the picture; point it at the frame's pixels without copying.
    picture->data[0] = const_cast<std::uint8_t*>(frame.pixels->data());
    picture->linesize[0] = frame.stride;
    result = avcodec_send_frame(encoder.get(), picture.get());
    if (result >= 0) {
        result = avcodec_send_frame(encoder.get(), nullptr);
    }
    auto packet = detail::allocPacket();
    std::string bytes;
    while (result >= 0) {
        result = avcodec_receive_packet(encoder.get(), packet.get());
        if (result == 0) {
            bytes.append(reinterpret_cast<const char*>(packet->data), packet->size);
            av_packet_unref(packet.get());
        }
    }
    if (result != AVERROR_EOF || bytes.empty()) {
        throw Error("cannot write " + name +
                    ": PNG encoding failed: " + detail::avErrorText(result));
    }
    writeFileAtomically(path, bytes);
}

}  // namespace actbert::video
