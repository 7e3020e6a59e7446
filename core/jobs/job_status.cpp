#include "core/jobs/job_status.h"

namespace actbert::jobs {

std::optional<double> JobStatus::secondsLeft(JobClock::time_point now) const {
    if (state != JobState::Running) {
        return std::nullopt;
    }
    const double fraction = progress.fraction;
    // Below 1 % the rate says little; above 100 % there is nothing left to estimate.
    if (fraction < 0.01 || fraction >= 1.0) {
        return std::nullopt;
    }
    const double elapsed = std::chrono::duration<double>(now - started).count();
    return elapsed * (1.0 - fraction) / fraction;
}

const char* toString(JobState state) {
    switch (state) {
        case JobState::Queued:
            return "queued";
        case JobState::Running:
            return "running";
        case JobState::Finished:
            return "finished";
        case JobState::Failed:
            return "failed";
        case JobState::Cancelled:
            return "cancelled";
    }
    return "unknown";
}

}  // namespace actbert::jobs
