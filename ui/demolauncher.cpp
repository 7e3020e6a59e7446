#include "ui/demolauncher.h"

#include <QProgressDialog>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/common/error.h"
#include "core/synth/demo_project.h"
#include "ui/jobs/jobbridge.h"

namespace actbert::ui {

namespace {
constexpr int kSteps = 1000;  // the dialog's range: per mille
}

DemoLauncher::DemoLauncher(JobBridge& jobs, QWidget* dialog_parent, QObject* parent)
    : QObject(parent), bridge_(jobs), dialog_parent_(dialog_parent), jobs_(jobs.runner()) {}

DemoLauncher::~DemoLauncher() {
    jobs_.cancelAndWait();
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
        bridge_.cancel(job_);
        dialog_->setLabelText(tr("Cancelling..."));
    });

    auto result = std::make_shared<std::optional<synth::DemoProject>>();
    jobs::JobSpec spec;
    spec.kind = "demo";
    spec.owner = dir.toStdString();
    spec.work = [result, path = std::filesystem::path(dir.toStdString())](
                    const jobs::JobCallbacks& callbacks) {
        *result = synth::prepareDemoProject(path, callbacks.progressFn("demo"), callbacks.cancel);
    };
    job_ =
        bridge_.submit(jobs_, std::move(spec), this, [this, result](const jobs::JobStatus& status) {
            if (!status.isEnded()) {
                if (dialog_ != nullptr && !dialog_->wasCanceled()) {
                    // setValue() on a modal dialog processes events; the bridge delivers nothing
                    // to this launcher meanwhile, so the dialog stays until this call returns.
                    dialog_->setLabelText(tr("Preparing the demo: %1")
                                              .arg(QString::fromStdString(status.progress.text)));
                    dialog_->setValue(static_cast<int>(
                        std::lround(std::clamp(status.progress.fraction, 0.0, 1.0) * kSteps)));
                }
                return;
            }
            closeDialog();
            if (status.state == jobs::JobState::Finished && result->has_value()) {
                const synth::DemoProject& demo = **result;
                const QString first =
                    demo.video_paths.empty()
                        ? QString()
                        : QString::fromStdString(demo.video_paths.front().string());
                Q_EMIT ready(QString::fromStdString(demo.project_path.string()), first,
                             demo.generated);
            } else if (status.state == jobs::JobState::Failed) {
                Q_EMIT failed(QString::fromStdString(status.error));
            } else {
                Q_EMIT cancelled();
            }
        });
}

void DemoLauncher::closeDialog() {
    if (dialog_ != nullptr) {
        dialog_->close();
        dialog_->deleteLater();
        dialog_ = nullptr;
    }
}

}  // namespace actbert::ui
