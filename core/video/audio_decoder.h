#pragma once
// Audio of a media file decoded and resampled (libswresample) to interleaved 32-bit float PCM
// at a requested rate and channel count, by time range or sequentially.
// Threading: NOT thread-safe; one decoder per thread. Movable.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/video/media_info.h"

namespace actbert::video {

struct AudioFormat {
    int sample_rate = 16000;  // Hz
    int channels = 1;         // 1 = mono downmix, 2 = stereo
    bool operator==(const AudioFormat&) const = default;
};

struct AudioChunk {
    double start_s = 0.0;        // time of the first sample on the file's timeline
    std::vector<float> samples;  // interleaved, samples.size() = frames * channels
    std::int64_t frameCount(int channels) const {
        return static_cast<std::int64_t>(samples.size()) / channels;
    }
};

class AudioDecoder {
public:
    // Opens the file's main audio stream (or the stream with container index `stream_index`).
    // Throws actbert::Error naming the file when it is unreadable or has no audio.
    explicit AudioDecoder(const std::filesystem::path& path, AudioFormat format = {},
                          int stream_index = -1);
    ~AudioDecoder();
    AudioDecoder(AudioDecoder&&) noexcept;
    AudioDecoder& operator=(AudioDecoder&&) noexcept;

    const AudioFormat& format() const;
    const StreamInfo& stream() const;

    // Samples covering [start_s, end_s) on the file's timeline; silence where the stream has
    // no data (before its start, in gaps), truncated at the end of the stream.
    AudioChunk read(double start_s, double end_s);
    // The next decoded chunk after the previous one (from the start at first); empty samples
    // at the end of the stream.
    AudioChunk next();
    // Makes next() continue from `time_s`.
    void seek(double time_s);

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace actbert::video
