#pragma once
// Writes an MP4 with one H.264 video stream (libx264, 4:2:0) and one Opus mono audio stream
// through FFmpeg's libraries. Deterministic: one encoder thread, bit-exact flags, no wall-clock
// metadata, so the same frames and samples give the same file.
// Threading: one thread per writer.

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace actbert::synth {

struct Mp4Settings {
    int width = 320;
    int height = 240;
    int fps = 15;
    int sample_rate = 24000;  // one of Opus's rates: 8, 12, 16, 24 or 48 kHz
    int crf = 23;
    int audio_bitrate = 32000;
    // x264 speed preset: encoding is most of the generator's time; ultrafast is what keeps an
    // hour of generated video near a minute of one core (files are ~3x larger than veryfast).
    std::string preset = "ultrafast";
};

class Mp4Writer {
public:
    // Opens `path` for writing; throws actbert::Error naming the file on failure.
    Mp4Writer(const std::filesystem::path& path, const Mp4Settings& settings);
    ~Mp4Writer();
    Mp4Writer(const Mp4Writer&) = delete;
    Mp4Writer& operator=(const Mp4Writer&) = delete;

    // Appends one BGR frame (height x width CV_8UC3); frame i is shown at i / fps seconds.
    void writeVideoFrame(const cv::Mat& bgr);
    // Appends mono samples in [-1, 1] to the audio track.
    void writeAudio(const float* samples, std::size_t count);
    // Flushes both encoders and writes the trailer. Without it the file is incomplete.
    void finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace actbert::synth
