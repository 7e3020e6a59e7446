#pragma once
// CrossTask: tasks_primary.txt (blocks of five lines: task id, name, URL, number of steps,
// comma-separated step names, separated by blank lines), annotations/<task>_<video>.csv
// (rows "step,start,end" with 1-based steps, no header) and videos.csv ("task,video,url").
// Threading: stateless functions.

#include <filesystem>
#include <vector>

#include "core/data/annotation_document.h"

namespace actbert::data {

class CrossTaskFormat {
public:
    // Files are told apart by name: tasks*.txt, videos*.csv, and <task>_<video>.csv. Every
    // annotation's task must be defined by a tasks file given in the same call.
    static AnnotationDocument read(const std::vector<std::filesystem::path>& paths);
    // Writes tasks_primary.txt, videos.csv and annotations/ into `folder` (created).
    static void write(const AnnotationDocument& document, const std::filesystem::path& folder);
};

}  // namespace actbert::data
