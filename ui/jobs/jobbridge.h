#pragma once
// The one way job progress and results reach the GUI thread. The runner's listener (worker
// threads) only records the newest status of each job and posts one queued flush; the flush,
// on the GUI thread, hands each job's newest status to the handler given at submit and to
// jobChanged (the jobs panel).
//
// Re-entrancy-safe by construction: while any handler runs, no handler of this bridge is
// called again, not even from a nested event loop (a modal progress dialog's setValue, a
// message box): those flushes return at once and the outer flush delivers the newer statuses
// after the handler has returned. So a handler can never see its dialog closed or itself
// finished underneath it (the crash fixed twice in b9e3bc0 cannot happen).
// A job's final status is delivered exactly once and last; earlier statuses may be merged.
//
//     jobs::JobSpec spec{...};                 // work runs on a runner thread
//     bridge.submit(group_, std::move(spec), this, [this](const jobs::JobStatus& status) {
//         if (status.isEnded()) { ... }        // GUI thread; `this` is alive
//     });
//
// Lifetimes: a handler is dropped when its context object is destroyed. Work and on_end still
// run on the runner: the owner keeps them in a JobGroup declared as its LAST member.
// Threading: create, submit and destroy on the GUI thread.

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <mutex>

#include "core/jobs/job_group.h"
#include "core/jobs/job_runner.h"

Q_DECLARE_METATYPE(actbert::jobs::JobStatus)

namespace actbert::ui {

class JobBridge : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const jobs::JobStatus& status)>;

    // `runner` must outlive the bridge.
    explicit JobBridge(jobs::JobRunner& runner, QObject* parent = nullptr);
    ~JobBridge() override;

    jobs::JobRunner& runner() { return runner_; }

    // Submits through `group` (the owner's) and calls `handler` on the GUI thread with the
    // job's newest status after changes, last with its final status, while `context` lives.
    jobs::JobId submit(jobs::JobGroup& group, jobs::JobSpec spec, QObject* context,
                       Handler handler);
    bool cancel(jobs::JobId id) { return runner_.cancel(id); }
    // Delivers what is pending now (tests, and code that waited for a job on the GUI thread).
    void flush();

Q_SIGNALS:
    // Every job's newest status, after its handler ran (GUI thread).
    void jobChanged(const actbert::jobs::JobStatus& status);

private:
    struct Watch {
        QPointer<QObject> context;
        Handler handler;
    };

    void record(const jobs::JobStatus& status);         // runner threads
    static int stageOf(const jobs::JobStatus& status);  // queued 0, running 1, ended 2
    void forgetOldStages();                             // under mutex_

    jobs::JobRunner& runner_;
    jobs::JobRunner::ListenerId listener_ = 0;

    static constexpr std::size_t kRememberedJobs = 4096;
    std::mutex mutex_;  // guards pending_, stages_ and posted_
    std::map<jobs::JobId, jobs::JobStatus> pending_;
    std::map<jobs::JobId, int> stages_;  // the latest stage recorded per job
    bool posted_ = false;

    std::map<jobs::JobId, Watch> watches_;  // GUI thread only
    bool delivering_ = false;               // GUI thread only
};

}  // namespace actbert::ui
