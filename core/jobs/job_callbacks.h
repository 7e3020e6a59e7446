#pragma once
// The one callbacks struct that long operations take: progress (structured, mapped into the
// caller's slice), cancellation, a log line sink, and, in StreamingJobCallbacks, on_result for
// partial results that stream out while the work runs (as whisper.cpp's new_segment_callback).
// Threading: every callback runs on the thread doing the work; keep them cheap.

#include <functional>
#include <string>

#include "core/common/progress.h"
#include "core/jobs/job_progress.h"

namespace actbert::jobs {

struct JobCallbacks {
    ProgressRange progress;
    CancelToken cancel;
    std::function<void(const std::string& line)> log;

    void report(const std::string& stage, const std::string& text, double fraction) const {
        progress.report(stage, text, fraction);
    }
    void logLine(const std::string& line) const;
    bool isCancelled() const { return cancel.isCancelled(); }
    void throwIfCancelled() const { cancel.throwIfCancelled(); }
    // The same cancel and log, with progress mapped into [begin, end] of this job's range.
    JobCallbacks sub(double begin, double end) const;
    // For APIs that take (ProgressFn, CancelToken): progress tagged with stage.
    ProgressFn progressFn(const std::string& stage) const { return progress.asProgressFn(stage); }
};

template <class Partial>
struct StreamingJobCallbacks : JobCallbacks {
    std::function<void(const Partial&)> on_result;

    void emitResult(const Partial& partial) const {
        if (on_result) {
            on_result(partial);
        }
    }
};

}  // namespace actbert::jobs
