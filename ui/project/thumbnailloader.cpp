#include "ui/project/thumbnailloader.h"

#include <QCoreApplication>
#include <QPointer>

#include <exception>

namespace actbert::ui {

ThumbnailLoader::ThumbnailLoader(FrameSourceOpener opener, QObject* parent)
    : QObject(parent), opener_(std::move(opener)) {
    // One decoder at a time: thumbnails must not starve playback on a small machine.
    pool_.setMaxThreadCount(1);
}

ThumbnailLoader::~ThumbnailLoader() {
    pool_.clear();
    pool_.waitForDone();
}

void ThumbnailLoader::waitForDone() {
    pool_.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

void ThumbnailLoader::request(const QString& path) {
    QPointer<ThumbnailLoader> self(this);
    pool_.start([self, opener = opener_, path] {
        QImage thumbnail;
        qint64 frame_count = -1;
        double fps = 0.0;
        QString problem;
        try {
            auto source = opener(path);
            const VideoStreamInfo info = source->info();
            frame_count = info.frame_count;
            fps = info.frames_per_second;
            // A frame a little into the video says more than a black first frame.
            const std::int64_t index =
                std::min<std::int64_t>(info.frame_count - 1, info.frame_count / 10);
            thumbnail = source->frame(std::max<std::int64_t>(0, index))
                            .image.scaledToWidth(kThumbnailWidthPx, Qt::SmoothTransformation);
        } catch (const std::exception& error) {
            problem = QString::fromStdString(error.what());
        }
        if (self) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, path, thumbnail, frame_count, fps, problem] {
                    if (self) {
                        Q_EMIT self->ready(path, thumbnail, frame_count, fps, problem);
                    }
                },
                Qt::QueuedConnection);
        }
    });
}

}  // namespace actbert::ui
