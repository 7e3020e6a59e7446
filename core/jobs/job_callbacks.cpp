#include "core/jobs/job_callbacks.h"

namespace actbert::jobs {

void JobCallbacks::logLine(const std::string& line) const {
    if (log) {
        log(line);
    }
}

JobCallbacks JobCallbacks::sub(double begin, double end) const {
    JobCallbacks part = *this;
    part.progress = progress.sub(begin, end);
    return part;
}

}  // namespace actbert::jobs
