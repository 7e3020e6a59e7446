#pragma once
// Runs the demo's preparation (core/synth/demo_project.h: generate the synthetic videos once,
// build their project) as a job on the studio's runner while a modal progress dialog with
// Cancel shows how far it got; reports the result back on the GUI thread.
// Threading: create and use on the GUI thread; the job only touches core, the JobBridge
// brings its progress and end back.

#include <QObject>
#include <QPointer>
#include <QString>

#include "core/jobs/job_group.h"

class QProgressDialog;
class QWidget;

namespace actbert::ui {

class JobBridge;

class DemoLauncher : public QObject {
    Q_OBJECT
public:
    // The bridge (and its runner) must outlive the launcher.
    DemoLauncher(JobBridge& jobs, QWidget* dialog_parent, QObject* parent = nullptr);
    // Cancels a running preparation and waits for it to stop (the JobGroup member does).
    ~DemoLauncher() override;

    // Starts preparing `dir`; emits exactly one of ready / failed / cancelled later.
    void start(const QString& dir);

Q_SIGNALS:
    // `project` is the demo's project file, `first_video` the video to open first.
    void ready(const QString& project, const QString& first_video, bool generated);
    void failed(const QString& message);
    void cancelled();

private:
    void closeDialog();

    JobBridge& bridge_;
    QPointer<QWidget> dialog_parent_;
    QPointer<QProgressDialog> dialog_;  // a child of dialog_parent_; deleted when done
    jobs::JobId job_ = 0;
    jobs::JobGroup jobs_;  // last member: destroyed first, it waits for the job
};

}  // namespace actbert::ui
