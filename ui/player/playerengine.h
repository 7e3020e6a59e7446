#pragma once
// Plays a FrameSource: a decode thread fills a bounded FrameQueue ahead of the playhead, and
// the GUI thread only picks the frame the clock asks for and hands it out (frameShown). Seeks
// and steps are frame-exact: the shown frame is the source's frame with that index. Frames
// the clock passed before they could be shown are counted as dropped.
// Scrub proxy: a long-GOP video's seek decodes from the previous key frame (hundreds of ms),
// so when a proxy is set (same frame numbering, all intra, small) a second thread decodes the
// proxy's picture of the seek target and shows it at once (DecodedFrame::preview), with the
// original's frame number and time; the exact frame replaces it when it arrives.
// Threading: the public API is GUI-thread only; the decode threads are internal.

#include <QObject>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "ui/player/framequeue.h"
#include "ui/player/framesource.h"
#include "ui/player/playbackclock.h"

namespace actbert::ui {

class AudioOutput;

struct PlaybackStats {
    std::int64_t frames_shown = 0;
    std::int64_t frames_dropped = 0;  // decoded (or due) but skipped because they were late
    std::int64_t previews_shown = 0;  // scrub proxy pictures shown (not in frames_shown)
};

enum class AudioMode { Off, IfAvailable };

class PlayerEngine : public QObject {
    Q_OBJECT
public:
    static constexpr double kMinSpeed = 0.25;
    static constexpr double kMaxSpeed = 4.0;
    static constexpr std::size_t kQueueFrames = 12;

    explicit PlayerEngine(AudioMode audio_mode = AudioMode::IfAvailable, QObject* parent = nullptr);
    ~PlayerEngine() override;

    // Takes the source and shows its first frame (asynchronously, like every seek).
    void open(std::unique_ptr<FrameSource> source);
    void close();
    // The open video's scrub proxy (nullptr: none); dropped by open() and close(). False (and
    // no proxy) when its frame count is not the video's.
    bool setScrubProxy(std::shared_ptr<FrameSource> proxy);
    bool hasScrubProxy() const;
    bool isOpen() const { return static_cast<bool>(source_); }
    const VideoStreamInfo& info() const { return info_; }
    // The frame on screen (index -1 before the first one arrived).
    const DecodedFrame& currentFrame() const { return current_; }
    bool isPlaying() const { return playing_; }
    double speed() const { return speed_; }
    bool usesAudioClock() const;
    // The media time the playback clock is at now (the sound heard, with an audio device).
    double clockTime_s() const { return clock_->mediaTime_s(); }
    PlaybackStats stats() const { return stats_; }
    void resetStats() { stats_ = {}; }

public Q_SLOTS:
    // `speed` in [0.25, 4], negative plays backwards.
    void play(double speed = 1.0);
    void pause();
    void togglePlay();
    // J/L: start playing that way, or double the speed if already doing so.
    void playFaster(int direction);
    void seekFrame(std::int64_t index);
    void seekTime(double time_s);
    void stepFrames(std::int64_t delta);

Q_SIGNALS:
    void frameShown(const actbert::ui::DecodedFrame& frame);
    void playingChanged(bool playing, double speed);
    void errorOccurred(const QString& message);

private:
    enum class Mode { Idle, Seek, Play };
    void decodeLoop();
    void previewLoop();
    void onPreviewDecoded(std::uint64_t generation, const DecodedFrame& frame);
    void requestSeek(std::int64_t index);
    void startPlayback(std::int64_t from_index);
    void onTick();
    void show(DecodedFrame frame);
    void onSeekDecoded(std::uint64_t generation, const DecodedFrame& frame);
    void stopThread();

    std::unique_ptr<FrameSource> source_;
    VideoStreamInfo info_;
    DecodedFrame current_;
    PlaybackStats stats_;
    bool playing_ = false;
    double speed_ = 1.0;
    std::int64_t pending_seek_ = -1;  // the seek the GUI waits for, -1 if none

    WallClock wall_clock_;
    std::unique_ptr<AudioOutput> audio_;
    AudioMode audio_mode_;
    PlaybackClock* clock_ = &wall_clock_;
    QTimer tick_;

    // Shared with the decode thread, under mutex_.
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    Mode mode_ = Mode::Idle;
    std::int64_t seek_target_ = 0;
    std::int64_t play_next_ = 0;
    int play_step_ = 1;
    bool play_done_ = false;
    std::uint64_t generation_ = 0;
    bool stop_ = false;
    FrameQueue queue_{kQueueFrames};
    std::thread thread_;
    // The preview thread's share, under mutex_ too.
    std::condition_variable preview_wake_;
    std::shared_ptr<FrameSource> proxy_;
    std::int64_t preview_target_ = -1;  // the proxy frame to decode, -1 if none
    std::thread preview_thread_;
};

}  // namespace actbert::ui
