#include "ui/startupscript.h"

#include <QCoreApplication>
#include <QTextStream>

#include "ui/studioflow.h"

namespace actbert::ui {

StartupScript::StartupScript(StudioFlow& flow, StartupOptions options, QObject* parent)
    : QObject(parent), flow_(flow), options_(std::move(options)) {
    timeout_.setSingleShot(true);
    connect(&timeout_, &QTimer::timeout, this, [this] {
        fail(tr("Timed out waiting for frame %1").arg(options_.seek_frame.value_or(0)));
    });
}

void StartupScript::start() {
    if (options_.video_path.isEmpty()) {
        if (!options_.screenshot_path.isEmpty()) {
            // Nothing to wait for: let the window paint once, then take the picture.
            QTimer::singleShot(200, this, &StartupScript::finish);
        } else if (options_.quit) {
            finish();
        }
        return;
    }
    connect(&flow_.player(), &PlayerEngine::frameShown, this, [this](const DecodedFrame& frame) {
        if (!frame.preview) {  // a scrub proxy's picture: the exact frame follows
            onFrame(frame.index);
        }
    });
    QString problem;
    if (!flow_.openVideo(options_.video_path, &problem)) {
        fail(problem);
        return;
    }
    timeout_.start(options_.timeout_ms);
}

void StartupScript::onFrame(std::int64_t index) {
    if (done_) {
        return;
    }
    const std::int64_t wanted = options_.seek_frame.value_or(0);
    const std::int64_t last = flow_.player().info().frame_count - 1;
    if (index == 0 && wanted != 0) {
        // Opening shows frame 0 first; now go where we were asked.
        if (wanted > last) {
            fail(tr("Frame %1 is past the end of the video (last frame %2)").arg(wanted).arg(last));
            return;
        }
        flow_.player().seekFrame(wanted);
        return;
    }
    if (index == wanted) {
        // Let the frame reach the screen before the picture is taken.
        QTimer::singleShot(100, this, &StartupScript::finish);
        done_ = true;
    }
}

void StartupScript::fail(const QString& message) {
    done_ = true;
    timeout_.stop();
    QTextStream(stderr) << "actbert-studio: " << message << '\n';
    if (options_.quit) {
        Q_EMIT finished(1);
    }
}

void StartupScript::finish() {
    done_ = true;
    timeout_.stop();
    int exit_code = 0;
    if (!options_.screenshot_path.isEmpty()) {
        if (flow_.saveScreenshot(options_.screenshot_path)) {
            QTextStream(stdout) << "screenshot: " << options_.screenshot_path << '\n';
        } else {
            QTextStream(stderr) << "actbert-studio: cannot write screenshot "
                                << options_.screenshot_path << '\n';
            exit_code = 1;
        }
    }
    if (options_.quit) {
        Q_EMIT finished(exit_code);
    }
}

}  // namespace actbert::ui
