#include "core/jobs/job_group.h"

#include <algorithm>

namespace actbert::jobs {

JobId JobGroup::submit(JobSpec spec) {
    const JobId id = runner_.submit(std::move(spec));
    std::lock_guard lock(mutex_);
    // Forget ended jobs so a long-lived owner's list stays short.
    ids_.erase(std::remove_if(ids_.begin(), ids_.end(),
                              [this](JobId known) {
                                  const auto status = runner_.status(known);
                                  return !status || status->isEnded();
                              }),
               ids_.end());
    ids_.push_back(id);
    return id;
}

std::vector<JobId> JobGroup::takeIds() {
    std::lock_guard lock(mutex_);
    return ids_;
}

void JobGroup::cancelAll() {
    for (const JobId id : takeIds()) {
        runner_.cancel(id);
    }
}

void JobGroup::waitAll() {
    for (const JobId id : takeIds()) {
        runner_.wait(id);
    }
}

void JobGroup::cancelAndWait() {
    cancelAll();
    waitAll();
}

}  // namespace actbert::jobs
