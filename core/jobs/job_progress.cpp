#include "core/jobs/job_progress.h"

#include <algorithm>
#include <utility>

namespace actbert::jobs {

ProgressRange::ProgressRange(ProgressSink sink, double begin, double end)
    : sink_(std::move(sink)),
      begin_(std::clamp(begin, 0.0, 1.0)),
      end_(std::clamp(end, begin_, 1.0)) {}

double ProgressRange::toParent(double fraction) const {
    return begin_ + std::clamp(fraction, 0.0, 1.0) * (end_ - begin_);
}

void ProgressRange::report(const std::string& stage, const std::string& text,
                           double fraction) const {
    if (sink_) {
        sink_(JobProgress{stage, text, toParent(fraction)});
    }
}

ProgressRange ProgressRange::sub(double begin, double end) const {
    ProgressRange range;
    range.sink_ = sink_;
    range.begin_ = toParent(begin);
    range.end_ = std::max(range.begin_, toParent(end));
    return range;
}

ProgressFn ProgressRange::asProgressFn(const std::string& stage) const {
    if (!sink_) {
        return {};
    }
    return [range = *this, stage](double fraction, const std::string& message) {
        range.report(stage, message, fraction);
    };
}

}  // namespace actbert::jobs
