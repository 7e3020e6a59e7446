#pragma once
// The jobs of one owner object (a flow, a dialog, a test fixture). Destroying the group
// cancels its jobs and waits until they have ended, so no job callback that captured the
// owner runs after the owner is gone. Declare it as the owner's LAST member: it is destroyed
// first, while the members the callbacks use are still alive.
//
//     class ExportFlow {
//         ...
//         actbert::jobs::JobGroup jobs_{runner};   // last member
//     };
//     jobs_.submit(std::move(spec));               // same JobSpec as JobRunner::submit

#include <mutex>
#include <vector>

#include "core/jobs/job_runner.h"

namespace actbert::jobs {

class JobGroup {
public:
    explicit JobGroup(JobRunner& runner) : runner_(runner) {}
    ~JobGroup() { cancelAndWait(); }
    JobGroup(const JobGroup&) = delete;
    JobGroup& operator=(const JobGroup&) = delete;

    JobId submit(JobSpec spec);
    void cancelAll();
    void cancelAndWait();
    void waitAll();
    JobRunner& runner() { return runner_; }

private:
    std::vector<JobId> takeIds();

    JobRunner& runner_;
    std::mutex mutex_;
    std::vector<JobId> ids_;
};

}  // namespace actbert::jobs
