#include "ui/jobs/jobbridge.h"

#include <QMetaObject>

#include <utility>
#include <vector>

namespace actbert::ui {

JobBridge::JobBridge(jobs::JobRunner& runner, QObject* parent) : QObject(parent), runner_(runner) {
    qRegisterMetaType<jobs::JobStatus>();
    listener_ = runner_.addListener([this](const jobs::JobStatus& status) { record(status); });
}

JobBridge::~JobBridge() {
    // Waits for listener calls in flight; a flush they posted is dropped with this object.
    runner_.removeListener(listener_);
}

void JobBridge::record(const jobs::JobStatus& status) {
    bool post = false;
    {
        std::lock_guard lock(mutex_);
        // Statuses of one job come from several threads (the submitting thread says queued
        // while a runner thread may already say running), so they can arrive out of order:
        // a status never replaces a later stage of the same job, delivered or not.
        int& reached = stages_[status.id];
        const int stage = stageOf(status);
        if (stage < reached) {
            return;
        }
        reached = stage;
        pending_[status.id] = status;
        post = !posted_;
        posted_ = true;
        forgetOldStages();
    }
    if (post) {
        QMetaObject::invokeMethod(this, &JobBridge::flush, Qt::QueuedConnection);
    }
}

int JobBridge::stageOf(const jobs::JobStatus& status) {
    if (status.isEnded()) {
        return 2;
    }
    return status.state == jobs::JobState::Running ? 1 : 0;
}

void JobBridge::forgetOldStages() {
    // Ids only grow: the oldest ended jobs are forgotten first, never a running one.
    for (auto it = stages_.begin(); it != stages_.end() && stages_.size() > kRememberedJobs;) {
        it = it->second == 2 ? stages_.erase(it) : std::next(it);
    }
}

jobs::JobId JobBridge::submit(jobs::JobGroup& group, jobs::JobSpec spec, QObject* context,
                              Handler handler) {
    const jobs::JobId id = group.submit(std::move(spec));
    // Registered before any flush can run: flushes are queued to this (the GUI) thread.
    if (handler) {
        watches_[id] = Watch{context, std::move(handler)};
    }
    return id;
}

void JobBridge::flush() {
    if (delivering_) {
        return;  // a nested event loop inside a handler: the outer flush delivers these
    }
    delivering_ = true;
    for (;;) {
        std::map<jobs::JobId, jobs::JobStatus> batch;
        {
            std::lock_guard lock(mutex_);
            batch.swap(pending_);
            posted_ = false;
        }
        if (batch.empty()) {
            break;
        }
        for (const auto& [id, status] : batch) {
            const auto watch = watches_.find(id);
            if (watch != watches_.end()) {
                // Copied out: the handler may submit jobs, which changes watches_.
                const Watch current = watch->second;
                if (status.isEnded()) {
                    watches_.erase(watch);
                }
                if (current.context && current.handler) {
                    current.handler(status);
                }
            }
            Q_EMIT jobChanged(status);
        }
    }
    delivering_ = false;
}

}  // namespace actbert::ui
