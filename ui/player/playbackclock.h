#pragma once
// The media clock playback follows. With an audio device, the audio output's position is
// the clock (video follows sound, as viewers notice audio glitches first); without one (a
// headless machine, or speeds other than 1x where sound is muted) a wall clock is used.
// Threading: GUI thread only.

#include <QElapsedTimer>

namespace actbert::ui {

class PlaybackClock {
public:
    virtual ~PlaybackClock() = default;
    // Starts counting from media time `media_s` at `speed` (negative plays backwards).
    virtual void start(double media_s, double speed) = 0;
    virtual void stop() = 0;
    virtual double mediaTime_s() const = 0;
};

class WallClock : public PlaybackClock {
public:
    void start(double media_s, double speed) override;
    void stop() override;
    double mediaTime_s() const override;

private:
    QElapsedTimer timer_;
    double anchor_s_ = 0.0;
    double speed_ = 1.0;
    bool running_ = false;
};

}  // namespace actbert::ui
