#pragma once
// The project's own complete layouts, lossless for everything a project holds about items:
//   CSV   one row per item: video,track,kind,start_s,end_s,start_frame,end_frame,fps,
//         time_base,label,label_id,external_id,confidence,review_state,author,whole_video
//         (import needs video, start_s, end_s and label; the rest is optional)
//   JSON  {"format": "actbert-annotations", "version": 1, "videos": [...], "tasks": [...],
//          "vocabularies": {...}}
// Threading: stateless functions.

#include <filesystem>

#include "core/data/annotation_document.h"

namespace actbert::data {

class GenericFormat {
public:
    static AnnotationDocument readCsv(const std::filesystem::path& path);
    static void writeCsv(const AnnotationDocument& document, const std::filesystem::path& path);
    static AnnotationDocument readJson(const std::filesystem::path& path);
    static void writeJson(const AnnotationDocument& document, const std::filesystem::path& path);
};

}  // namespace actbert::data
