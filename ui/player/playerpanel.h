#pragma once
// The player panel: the video view and a status line with the frame number, the time code,
// the key-frame mark and the playback speed, all taken from the frame actually on screen.
// Threading: GUI thread only.

#include <QWidget>

#include "ui/player/framesource.h"

class QLabel;

namespace actbert::ui {

class PlayerEngine;
class VideoView;

class PlayerPanel : public QWidget {
    Q_OBJECT
public:
    // The engine must outlive the panel.
    explicit PlayerPanel(PlayerEngine& engine, QWidget* parent = nullptr);

    VideoView* videoView() const { return view_; }
    QString statusText() const;

private:
    void onFrame(const DecodedFrame& frame);
    void onPlaying(bool playing, double speed);

    PlayerEngine& engine_;
    VideoView* view_ = nullptr;
    QLabel* position_ = nullptr;
    QLabel* state_ = nullptr;
};

}  // namespace actbert::ui
