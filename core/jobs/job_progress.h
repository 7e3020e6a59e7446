#pragma once
// Structured progress: a stage key that code can match ("index", "export.write"), text for
// people, and the fraction of the whole job done. Sub-tasks report in their own [0, 1] and
// ProgressRange maps that into the slice of the parent they stand for, so nobody writes
// `begin + fraction * (end - begin)` by hand again.

#include <functional>
#include <string>

#include "core/common/progress.h"

namespace actbert::jobs {

struct JobProgress {
    std::string stage;      // machine-readable key; stable across languages
    std::string text;       // human-readable, untranslated (the UI translates known stages)
    double fraction = 0.0;  // of the whole job, in [0, 1]
};

using ProgressSink = std::function<void(const JobProgress&)>;

// The slice [begin, end] of a parent's progress. Nested ranges compose: a range of a range
// maps into the parent's slice of the slice.
class ProgressRange {
public:
    ProgressRange() = default;
    explicit ProgressRange(ProgressSink sink, double begin = 0.0, double end = 1.0);

    // fraction is of this sub-task (clamped to [0, 1]).
    void report(const std::string& stage, const std::string& text, double fraction) const;
    ProgressRange sub(double begin, double end) const;
    // For APIs that still take the plain ProgressFn: their messages become this stage's text.
    ProgressFn asProgressFn(const std::string& stage) const;

    double begin() const { return begin_; }
    double end() const { return end_; }
    double toParent(double fraction) const;

private:
    ProgressSink sink_;
    double begin_ = 0.0;
    double end_ = 1.0;
};

}  // namespace actbert::jobs
