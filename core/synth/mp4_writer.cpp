#include "core/synth/mp4_writer.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <vector>

#include "core/common/error.h"

namespace actbert::synth {

namespace {

std::string averror(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof(text));
    return text;
}

}  // namespace

struct Mp4Writer::State {
    std::string path;
    Mp4Settings settings;
    AVFormatContext* format = nullptr;
    AVCodecContext* video = nullptr;
    AVCodecContext* audio = nullptr;
    AVStream* video_stream = nullptr;
    AVStream* audio_stream = nullptr;
    SwsContext* sws = nullptr;
    AVFrame* video_frame = nullptr;
    AVFrame* audio_frame = nullptr;
    AVPacket* packet = nullptr;
    std::int64_t next_video_pts = 0;
    std::int64_t next_audio_pts = 0;
    std::vector<float> pending_audio;
    bool header_written = false;
    bool finished = false;

    void check(int code, const std::string& what) const {
        if (code < 0) {
            throw Error(path + ": " + what + ": " + averror(code));
        }
    }

    // Sends `frame` (nullptr flushes) and writes every packet the encoder has ready.
    void encode(AVCodecContext* codec, AVStream* stream, AVFrame* frame) {
        check(avcodec_send_frame(codec, frame), "encoding");
        for (;;) {
            const int received = avcodec_receive_packet(codec, packet);
            if (received == AVERROR(EAGAIN) || received == AVERROR_EOF) {
                return;
            }
            check(received, "encoding");
            av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            check(av_interleaved_write_frame(format, packet), "writing");
        }
    }

    void encodeAudioBlocks(bool flush) {
        const int block = audio->frame_size;
        std::size_t offset = 0;
        while (pending_audio.size() - offset >= static_cast<std::size_t>(block) ||
               (flush && offset < pending_audio.size())) {
            check(av_frame_make_writable(audio_frame), "audio frame");
            const std::size_t available =
                std::min<std::size_t>(block, pending_audio.size() - offset);
            auto* out = reinterpret_cast<float*>(audio_frame->data[0]);
            std::copy_n(pending_audio.data() + offset, available, out);
            std::fill(out + available, out + block, 0.0f);
            audio_frame->nb_samples = block;
            audio_frame->pts = next_audio_pts;
            next_audio_pts += block;
            encode(audio, audio_stream, audio_frame);
            offset += available;
        }
        pending_audio.erase(pending_audio.begin(),
                            pending_audio.begin() + static_cast<std::ptrdiff_t>(offset));
    }

    ~State() {
        sws_freeContext(sws);
        av_frame_free(&video_frame);
        av_frame_free(&audio_frame);
        av_packet_free(&packet);
        avcodec_free_context(&video);
        avcodec_free_context(&audio);
        if (format) {
            if (format->pb) {
                avio_closep(&format->pb);
            }
            avformat_free_context(format);
        }
    }
};

Mp4Writer::Mp4Writer(const std::filesystem::path& path, const Mp4Settings& settings)
    : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.path = path.string();
    s.settings = settings;
    // FFmpeg's informational chatter (x264 statistics, "second pass") is noise for our users;
    // errors still reach the log and every failure is also thrown with its message.
    if (av_log_get_level() == AV_LOG_INFO) {
        av_log_set_level(AV_LOG_ERROR);
    }
    s.check(avformat_alloc_output_context2(&s.format, nullptr, "mp4", s.path.c_str()),
            "creating MP4 muxer");
    // No encoder version strings or creation times: identical input gives identical files.
    s.format->flags |= AVFMT_FLAG_BITEXACT;

    const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
    if (!h264) {
        throw Error(s.path + ": this FFmpeg build has no libx264 encoder (H.264 is required)");
    }
    s.video = avcodec_alloc_context3(h264);
    s.video->width = settings.width;
    s.video->height = settings.height;
    s.video->pix_fmt = AV_PIX_FMT_YUV420P;
    s.video->time_base = AVRational{1, settings.fps};
    s.video->framerate = AVRational{settings.fps, 1};
    s.video->gop_size = 2 * settings.fps;  // a key frame every 2 s keeps seeking cheap
    s.video->thread_count = 1;             // x264's threads make output order-dependent
    s.video->flags |= AV_CODEC_FLAG_BITEXACT;
    if (s.format->oformat->flags & AVFMT_GLOBALHEADER) {
        s.video->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    }
    AVDictionary* options = nullptr;
    av_dict_set(&options, "preset", settings.preset.c_str(), 0);
    av_dict_set(&options, "crf", std::to_string(settings.crf).c_str(), 0);
    const int opened = avcodec_open2(s.video, h264, &options);
    av_dict_free(&options);
    s.check(opened, "opening the H.264 encoder");
    s.video_stream = avformat_new_stream(s.format, nullptr);
    s.check(avcodec_parameters_from_context(s.video_stream->codecpar, s.video), "video stream");
    s.video_stream->time_base = s.video->time_base;
    s.video_stream->avg_frame_rate = s.video->framerate;

    // Opus: a quarter of AAC's encoding time at equal speech quality (the generator's goal is
    // an hour of video per CPU-minute), and a first-class codec in MP4.
    const AVCodec* opus = avcodec_find_encoder_by_name("libopus");
    if (!opus) {
        throw Error(s.path + ": this FFmpeg build has no libopus encoder (Opus audio is required)");
    }
    s.audio = avcodec_alloc_context3(opus);
    s.audio->sample_fmt = AV_SAMPLE_FMT_FLT;
    s.audio->sample_rate = settings.sample_rate;
    av_channel_layout_default(&s.audio->ch_layout, 1);
    s.audio->bit_rate = settings.audio_bitrate;
    s.audio->time_base = AVRational{1, settings.sample_rate};
    s.audio->flags |= AV_CODEC_FLAG_BITEXACT;
    if (s.format->oformat->flags & AVFMT_GLOBALHEADER) {
        s.audio->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    }
    AVDictionary* audio_options = nullptr;
    av_dict_set(&audio_options, "compression_level", "0", 0);
    const int audio_opened = avcodec_open2(s.audio, opus, &audio_options);
    av_dict_free(&audio_options);
    s.check(audio_opened, "opening the Opus encoder");
    s.audio_stream = avformat_new_stream(s.format, nullptr);
    s.check(avcodec_parameters_from_context(s.audio_stream->codecpar, s.audio), "audio stream");
    s.audio_stream->time_base = s.audio->time_base;

    s.video_frame = av_frame_alloc();
    s.video_frame->format = AV_PIX_FMT_YUV420P;
    s.video_frame->width = settings.width;
    s.video_frame->height = settings.height;
    s.check(av_frame_get_buffer(s.video_frame, 0), "video frame");
    s.audio_frame = av_frame_alloc();
    s.audio_frame->format = AV_SAMPLE_FMT_FLT;
    s.audio_frame->nb_samples = s.audio->frame_size;
    s.audio_frame->sample_rate = settings.sample_rate;
    s.check(av_channel_layout_copy(&s.audio_frame->ch_layout, &s.audio->ch_layout), "audio layout");
    s.check(av_frame_get_buffer(s.audio_frame, 0), "audio frame");
    s.packet = av_packet_alloc();
    // Bit-exact conversion (no CPU-specific SIMD paths): the same on every machine. Without
    // SWS_ACCURATE_RND it is twice as fast and still bit-exact; chroma is averaged per pair.
    s.sws = sws_getContext(settings.width, settings.height, AV_PIX_FMT_BGR24, settings.width,
                           settings.height, AV_PIX_FMT_YUV420P, SWS_BILINEAR | SWS_BITEXACT,
                           nullptr, nullptr, nullptr);
    if (!s.sws) {
        throw Error(s.path + ": cannot create the colour converter");
    }

    s.check(avio_open(&s.format->pb, s.path.c_str(), AVIO_FLAG_WRITE), "opening for writing");
    AVDictionary* mux_options = nullptr;
    av_dict_set(&mux_options, "movflags", "+faststart", 0);
    const int header = avformat_write_header(s.format, &mux_options);
    av_dict_free(&mux_options);
    s.check(header, "writing the MP4 header");
    s.header_written = true;
}

Mp4Writer::~Mp4Writer() = default;

void Mp4Writer::writeVideoFrame(const cv::Mat& bgr) {
    State& s = *state_;
    if (bgr.type() != CV_8UC3 || bgr.cols != s.settings.width || bgr.rows != s.settings.height ||
        !bgr.isContinuous()) {
        throw Error(s.path + ": frame must be a continuous " + std::to_string(s.settings.width) +
                    "x" + std::to_string(s.settings.height) + " BGR image");
    }
    s.check(av_frame_make_writable(s.video_frame), "video frame");
    const uint8_t* source[1] = {bgr.data};
    const int stride[1] = {static_cast<int>(bgr.step[0])};
    sws_scale(s.sws, source, stride, 0, bgr.rows, s.video_frame->data, s.video_frame->linesize);
    s.video_frame->pts = s.next_video_pts++;
    s.encode(s.video, s.video_stream, s.video_frame);
}

void Mp4Writer::writeAudio(const float* samples, std::size_t count) {
    State& s = *state_;
    s.pending_audio.insert(s.pending_audio.end(), samples, samples + count);
    s.encodeAudioBlocks(false);
}

void Mp4Writer::finish() {
    State& s = *state_;
    if (s.finished) {
        return;
    }
    s.encodeAudioBlocks(true);
    s.encode(s.video, s.video_stream, nullptr);
    s.encode(s.audio, s.audio_stream, nullptr);
    s.check(av_write_trailer(s.format), "writing the MP4 trailer");
    s.finished = true;
}

}  // namespace actbert::synth
