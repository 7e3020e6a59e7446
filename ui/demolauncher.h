#pragma once
// Runs the demo's preparation (core/synth/demo_project.h: generate the synthetic videos once,
// build their project) on a worker thread while a modal progress dialog with Cancel shows how
// far it got; reports the result back on the GUI thread.
// Threading: create and use on the GUI thread; the worker only touches core and posts back.

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <thread>

#include "core/common/progress.h"

class QProgressDialog;
class QWidget;

namespace actbert::ui {

class DemoLauncher : public QObject {
    Q_OBJECT
public:
    explicit DemoLauncher(QWidget* dialog_parent, QObject* parent = nullptr);
    // Cancels a running preparation and waits for the worker to stop.
    ~DemoLauncher() override;

    // Starts preparing `dir`; emits exactly one of ready / failed / cancelled later.
    void start(const QString& dir);

Q_SIGNALS:
    // `project` is the demo's project file, `first_video` the video to open first.
    void ready(const QString& project, const QString& first_video, bool generated);
    void failed(const QString& message);
    void cancelled();

private:
    void finishWorker();

    QPointer<QWidget> dialog_parent_;
    QPointer<QProgressDialog> dialog_;  // a child of dialog_parent_; deleted when done
    CancelToken cancel_;
    std::thread worker_;
};

}  // namespace actbert::ui
