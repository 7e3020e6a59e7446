#pragma once
// Makes video thumbnails (and reads each video's length) on a worker thread, so a project
// with many videos opens at once; results come back to the GUI thread as a signal.
// Threading: request() from the GUI thread; `ready` is emitted on the GUI thread.

#include <QImage>
#include <QObject>
#include <QThreadPool>

#include "ui/player/framesource.h"

namespace actbert::ui {

class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    static constexpr int kThumbnailWidthPx = 128;

    ThumbnailLoader(FrameSourceOpener opener, QObject* parent = nullptr);
    ~ThumbnailLoader() override;

    void request(const QString& path);
    // Blocks until every requested thumbnail was made (tests, and before quitting).
    void waitForDone();

Q_SIGNALS:
    // `problem` is the reason the video could not be opened, empty on success.
    void ready(const QString& path, const QImage& thumbnail, qint64 frame_count,
               double frames_per_second, const QString& problem);

private:
    FrameSourceOpener opener_;
    QThreadPool pool_;
};

}  // namespace actbert::ui
