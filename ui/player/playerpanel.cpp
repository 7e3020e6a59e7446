#include "ui/player/playerpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/player/playerengine.h"
#include "ui/player/videoview.h"
#include "ui/timeline/timelinepainter.h"

namespace actbert::ui {

PlayerPanel::PlayerPanel(PlayerEngine& engine, QWidget* parent) : QWidget(parent), engine_(engine) {
    view_ = new VideoView(this);
    position_ = new QLabel(this);
    position_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    state_ = new QLabel(this);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    bar->addWidget(position_, 1);
    bar->addWidget(state_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(view_, 1);
    layout->addLayout(bar);
    connect(&engine_, &PlayerEngine::frameShown, this, &PlayerPanel::onFrame);
    connect(&engine_, &PlayerEngine::playingChanged, this, &PlayerPanel::onPlaying);
    onPlaying(false, 1.0);
    position_->setText(tr("No video open"));
}

QString PlayerPanel::statusText() const {
    return position_->text();
}

void PlayerPanel::onFrame(const DecodedFrame& frame) {
    view_->setFrame(frame);
    const VideoStreamInfo& info = engine_.info();
    const QString key = frame.key_frame ? tr("key frame") : QString();
    position_->setText(tr("Frame %1 / %2   %3 (%4 s)   %5")
                           .arg(frame.index)
                           .arg(std::max<std::int64_t>(0, info.frame_count - 1))
                           .arg(TimelinePainter::timeCode(frame.index, info.frames_per_second))
                           .arg(frame.time_s, 0, 'f', 3)
                           .arg(key));
}

void PlayerPanel::onPlaying(bool playing, double speed) {
    state_->setText(playing ? tr("Playing %1x").arg(speed) : tr("Paused"));
}

}  // namespace actbert::ui
