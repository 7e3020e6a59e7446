#include "ui/project/thumbnailloader.h"

#include <QCoreApplication>

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>

#include "core/common/error.h"
#include "ui/jobs/jobbridge.h"

namespace actbert::ui {

namespace {

struct Thumbnail {
    QImage image;
    qint64 frame_count = -1;
    double fps = 0.0;
    QString problem;
};

Thumbnail makeThumbnail(const FrameSourceOpener& opener, const QString& path,
                        const CancelToken& cancel) {
    Thumbnail result;
    try {
        auto source = opener(path);
        cancel.throwIfCancelled();
        const VideoStreamInfo info = source->info();
        result.frame_count = info.frame_count;
        result.fps = info.frames_per_second;
        // A frame a little into the video says more than a black first frame.
        const std::int64_t index =
            std::min<std::int64_t>(info.frame_count - 1, info.frame_count / 10);
        result.image =
            source->frame(std::max<std::int64_t>(0, index))
                .image.scaledToWidth(ThumbnailLoader::kThumbnailWidthPx, Qt::SmoothTransformation);
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& error) {
        result.problem = QString::fromStdString(error.what());
    }
    return result;
}

}  // namespace

ThumbnailLoader::ThumbnailLoader(FrameSourceOpener opener, JobBridge& jobs, QObject* parent)
    : QObject(parent), opener_(std::move(opener)), bridge_(jobs), jobs_(jobs.runner()) {}

ThumbnailLoader::~ThumbnailLoader() {
    waiting_.clear();
}

void ThumbnailLoader::request(const QString& path) {
    waiting_.push_back(path);
    if (running_ == 0) {
        startNext();
    }
}

void ThumbnailLoader::startNext() {
    if (waiting_.empty()) {
        running_ = 0;
        return;
    }
    const QString path = waiting_.front();
    waiting_.pop_front();
    auto result = std::make_shared<std::optional<Thumbnail>>();
    jobs::JobSpec spec;
    spec.kind = "thumbnail";
    spec.owner = path.toStdString();
    spec.work = [result, opener = opener_, path](const jobs::JobCallbacks& callbacks) {
        *result = makeThumbnail(opener, path, callbacks.cancel);
    };
    running_ = bridge_.submit(
        jobs_, std::move(spec), this, [this, result, path](const jobs::JobStatus& status) {
            if (!status.isEnded()) {
                return;
            }
            if (result->has_value()) {
                const Thumbnail& made = **result;
                Q_EMIT ready(path, made.image, made.frame_count, made.fps, made.problem);
            }
            startNext();
        });
}

void ThumbnailLoader::waitForDone() {
    while (running_ != 0) {
        const jobs::JobId id = running_;
        bridge_.runner().wait(id);
        // Delivers the end (which emits `ready` and starts the next one).
        bridge_.flush();
        if (running_ == id) {
            // The bridge is already delivering further up the stack: let it finish.
            QCoreApplication::processEvents();
        }
    }
}

}  // namespace actbert::ui
