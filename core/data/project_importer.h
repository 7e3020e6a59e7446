#pragma once
// Writes an AnnotationDocument into a project in one transaction: videos are matched by key
// (created when new), every track is added as a new track, items get seconds and frames.
// Everything is validated first against the project (durations, partitions, name clashes);
// any error or cancellation leaves the project exactly as it was.
// Threading: runs on the thread that owns the Project; progress is called on it.

#include <cstdint>
#include <string>

#include "core/common/progress.h"
#include "core/data/annotation_document.h"

namespace actbert::store {
class Project;
}

namespace actbert::data {

struct ImportOptions {
    std::string track_name;  // replaces the track names the file gives, when not empty
};

struct ImportSummary {
    std::int64_t videos_added = 0;
    std::int64_t videos_matched = 0;
    std::int64_t tracks_added = 0;
    std::int64_t items_added = 0;
    std::int64_t tasks = 0;
};

class ProjectImporter {
public:
    static ImportSummary run(store::Project& project, const AnnotationDocument& document,
                             const ImportOptions& options, const ProgressFn& progress,
                             const CancelToken& cancel);
};

}  // namespace actbert::data
