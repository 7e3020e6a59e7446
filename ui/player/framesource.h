#pragma once
// Where the player gets frames: an adapter over the project's frame-exact decoder
// (core/video), or a generated source in tests. Frame numbers are the decoder index's: frame
// i is the i-th frame in presentation order, whatever the container's timestamps are.
// Threading: info(), frameTime_s() and frameAtTime() are const and safe from any thread (the
// index does not change after open); frame() is called by one thread at a time (the player's
// decode thread) and audio() by one other thread at a time (the audio feeder), concurrently
// with frame(): adapters decode sound with their own demuxer.

#include <QImage>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace actbert::ui {

struct VideoStreamInfo {
    std::int64_t frame_count = 0;
    double frames_per_second = 0.0;  // nominal; real times come from frameTime_s()
    int width = 0;
    int height = 0;
    double duration_s = 0.0;
    int audio_sample_rate = 0;  // 0 when the file has no audio
    int audio_channels = 0;
};

// A decoded frame as an immutable shared value (QImage is implicitly shared).
struct DecodedFrame {
    std::int64_t index = -1;
    double time_s = 0.0;
    bool key_frame = false;
    QImage image;
};

class FrameSource {
public:
    virtual ~FrameSource() = default;
    virtual VideoStreamInfo info() const = 0;
    virtual double frameTime_s(std::int64_t index) const = 0;
    // The frame shown at time t (the last one starting at or before t).
    virtual std::int64_t frameAtTime(double time_s) const = 0;
    // Exactly frame `index`. Throws actbert::Error naming the file when it cannot be decoded.
    virtual DecodedFrame frame(std::int64_t index) = 0;
    // Interleaved float samples from start_s on, at most `max_frames` sample frames; empty at
    // the end or without audio.
    virtual std::vector<float> audio(double start_s, int max_frames) { return {}; }
    // Something the user should know about the open that did not stop it (a saved frame
    // index that was corrupt and had to be rebuilt); empty when there is nothing to say.
    virtual QString openWarning() const { return {}; }
};

// Opens a video file; throws actbert::Error with the reason when it cannot.
using FrameSourceOpener = std::function<std::unique_ptr<FrameSource>(const QString& path)>;

}  // namespace actbert::ui
