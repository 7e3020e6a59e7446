#pragma once
// Sound output through Qt Multimedia's QAudioSink, and the clock video follows while it
// plays: the media time is where the sink's played position is, not where the wall clock
// says. A feeder thread decodes up to half a second ahead into a small buffer; the GUI thread
// moves bytes from there into the sink.
// Threading: GUI thread only (the feeder thread is internal).

#include <QAudioFormat>
#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "ui/player/playbackclock.h"

class QAudioSink;
class QIODevice;

namespace actbert::ui {

class FrameSource;

class AudioOutput : public QObject, public PlaybackClock {
    Q_OBJECT
public:
    AudioOutput();
    ~AudioOutput() override;

    // True when the system has an audio output device (none on headless machines).
    static bool deviceAvailable();
    // The source must stay alive until detach().
    void attach(FrameSource* source, int sample_rate, int channels);
    void detach();

    void start(double media_s, double speed) override;
    void stop() override;
    double mediaTime_s() const override;

private:
    void feedLoop(double from_s);
    void pump();
    void stopFeeder();

    FrameSource* source_ = nullptr;
    QAudioFormat format_;
    std::unique_ptr<QAudioSink> sink_;
    QIODevice* device_ = nullptr;
    QTimer pump_timer_;
    double anchor_s_ = 0.0;
    bool running_ = false;

    std::mutex mutex_;
    std::condition_variable space_;
    QByteArray pending_;  // decoded, not yet handed to the sink
    bool feeder_stop_ = false;
    bool feeder_done_ = false;
    std::thread feeder_;
};

}  // namespace actbert::ui
