#pragma once
// Makes video thumbnails (and reads each video's length) as jobs on the studio's runner, one
// at a time so thumbnails never starve playback on a small machine; a project with many
// videos opens at once. Results come back to the GUI thread as a signal.
// Threading: request() from the GUI thread; `ready` is emitted on the GUI thread.

#include <QImage>
#include <QObject>
#include <QString>

#include <deque>

#include "core/jobs/job_group.h"
#include "ui/player/framesource.h"

namespace actbert::ui {

class JobBridge;

class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    static constexpr int kThumbnailWidthPx = 128;

    // The bridge (and its runner) must outlive the loader.
    ThumbnailLoader(FrameSourceOpener opener, JobBridge& jobs, QObject* parent = nullptr);
    // Drops the waiting requests; the running one is cancelled and waited for.
    ~ThumbnailLoader() override;

    void request(const QString& path);
    // Blocks until every requested thumbnail was made and `ready` emitted (tests).
    void waitForDone();

Q_SIGNALS:
    // `problem` is the reason the video could not be opened, empty on success.
    void ready(const QString& path, const QImage& thumbnail, qint64 frame_count,
               double frames_per_second, const QString& problem);

private:
    void startNext();

    FrameSourceOpener opener_;
    JobBridge& bridge_;
    std::deque<QString> waiting_;
    jobs::JobId running_ = 0;
    jobs::JobGroup jobs_;  // last member: its destruction waits for the running job
};

}  // namespace actbert::ui
