#pragma once
// How a job's outcome is recorded when it writes results into a project: the store's model-run
// status has the same four outcomes (a queued job has no run yet). Header-only so core/jobs
// itself does not depend on the store; include it where both are linked.

#include "core/jobs/job_status.h"
#include "core/store/model_run_repository.h"

namespace actbert::jobs {

inline store::RunStatus toRunStatus(JobState state) {
    switch (state) {
        case JobState::Finished:
            return store::RunStatus::Finished;
        case JobState::Failed:
            return store::RunStatus::Failed;
        case JobState::Cancelled:
            return store::RunStatus::Cancelled;
        case JobState::Queued:
        case JobState::Running:
            break;
    }
    return store::RunStatus::Running;
}

}  // namespace actbert::jobs
