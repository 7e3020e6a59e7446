#pragma once
// Reads a selection of a project back into an AnnotationDocument for a writer: every video
// carries its fps and time base, every segment its frames and seconds.
// Threading: runs on the thread that owns the Project (a worker passes its own connection).

#include <set>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/annotation_document.h"

namespace actbert::store {
class Project;
}

namespace actbert::data {

struct ExportSelection {
    std::vector<std::string> video_keys;   // empty: every video
    std::vector<std::string> track_names;  // empty: every track of the wanted kinds
    std::set<store::TrackKind> kinds;      // empty: every kind
};

class ProjectExporter {
public:
    // Videos without a selected track are left out. Throws actbert::Error when a named video
    // does not exist or nothing at all is selected. Reports "collecting" once per video and
    // throws actbert::Cancelled between videos once `cancel` is set.
    static AnnotationDocument collect(store::Project& project, const ExportSelection& selection,
                                      const ProgressFn& progress = {},
                                      const CancelToken& cancel = CancelToken());
};

}  // namespace actbert::data
