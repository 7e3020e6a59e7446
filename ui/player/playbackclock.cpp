#include "ui/player/playbackclock.h"

namespace actbert::ui {

void WallClock::start(double media_s, double speed) {
    anchor_s_ = media_s;
    speed_ = speed;
    running_ = true;
    timer_.start();
}

void WallClock::stop() {
    anchor_s_ = mediaTime_s();
    running_ = false;
}

double WallClock::mediaTime_s() const {
    if (!running_) {
        return anchor_s_;
    }
    return anchor_s_ + static_cast<double>(timer_.nsecsElapsed()) * 1e-9 * speed_;
}

}  // namespace actbert::ui
