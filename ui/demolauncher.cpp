#include "ui/demolauncher.h"

#include <QMetaObject>
#include <QProgressDialog>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/common/error.h"
#include "core/synth/demo_project.h"

namespace actbert::ui {

namespace {
constexpr int kSteps = 1000;  // the dialog's range: per mille
}

DemoLauncher::DemoLauncher(QWidget* dialog_parent, QObject* parent)
    : QObject(parent), dialog_parent_(dialog_parent) {}

DemoLauncher::~DemoLauncher() {
    cancel_.cancel();
    if (worker_.joinable()) {
        worker_.join();
    }
    delete dialog_;
}

void DemoLauncher::start(const QString& dir) {
    dialog_ = new QProgressDialog(tr("Preparing the demo in %1...").arg(dir), tr("Cancel"), 0,
                                  kSteps, dialog_parent_);
    dialog_->setWindowTitle(tr("ActBERT Studio demo"));
    dialog_->setWindowModality(Qt::WindowModal);
    // Reusing an existing demo takes a moment: show the dialog only if it lasts.
    dialog_->setMinimumDuration(500);
    dialog_->setAutoClose(false);
    dialog_->setAutoReset(false);
    dialog_->setValue(0);
    connect(dialog_, &QProgressDialog::canceled, this, [this] {
        cancel_.cancel();
        dialog_->setLabelText(tr("Cancelling..."));
    });

    const std::filesystem::path path = dir.toStdString();
    const CancelToken cancel = cancel_;
    // The worker posts to `this`; the destructor joins it before `this` goes away.
    worker_ = std::thread([this, path, cancel] {
        const ProgressFn progress = [this](double fraction, const std::string& message) {
            const int value =
                static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kSteps));
            const QString text = QString::fromStdString(message);
            QMetaObject::invokeMethod(this, [this, value, text] {
                if (dialog_ != nullptr && !cancel_.isCancelled()) {
                    // setValue() on a modal dialog processes events, which may run
                    // finishWorker() and drop the dialog: it is the last call on it.
                    dialog_->setLabelText(tr("Preparing the demo: %1").arg(text));
                    dialog_->setValue(value);
                }
            });
        };
        try {
            const synth::DemoProject demo = synth::prepareDemoProject(path, progress, cancel);
            const QString project = QString::fromStdString(demo.project_path.string());
            const QString first = demo.video_paths.empty()
                                      ? QString()
                                      : QString::fromStdString(demo.video_paths.front().string());
            const bool generated = demo.generated;
            QMetaObject::invokeMethod(this, [this, project, first, generated] {
                finishWorker();
                Q_EMIT ready(project, first, generated);
            });
        } catch (const Cancelled&) {
            QMetaObject::invokeMethod(this, [this] {
                finishWorker();
                Q_EMIT cancelled();
            });
        } catch (const std::exception& error) {
            const QString message = QString::fromStdString(error.what());
            QMetaObject::invokeMethod(this, [this, message] {
                finishWorker();
                Q_EMIT failed(message);
            });
        }
    });
}

void DemoLauncher::finishWorker() {
    if (worker_.joinable()) {
        worker_.join();
    }
    if (dialog_ != nullptr) {
        dialog_->close();
        dialog_->deleteLater();
        dialog_ = nullptr;
    }
}

}  // namespace actbert::ui
