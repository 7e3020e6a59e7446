#pragma once
// The data sets' table layouts:
//   YouCook2 retrieval clips  CSV end,start,task,text,video_id
//   MSR-VTT 1k-A test         CSV key,vid_key,video_id,sentence (one caption per whole video)
//   MSR-VTT multiple choice   TSV video_id, five candidate sentences, answer index (0-based)
//   HowTo100M narrations      CSV start,end,text per video (file name = video id), or the
//                             release's JSON {video_id: {start: [], end: [], text: []}}
// Threading: stateless functions.

#include <filesystem>
#include <vector>

#include "core/data/annotation_document.h"

namespace actbert::data {

class DatasetCsvFormat {
public:
    static AnnotationDocument readYouCook2Clips(const std::filesystem::path& path);
    static void writeYouCook2Clips(const AnnotationDocument& document,
                                   const std::filesystem::path& path);

    // Reads either MSR-VTT layout: a header starting with "key" is the 1k-A CSV, otherwise
    // the tab-separated multiple-choice file.
    static AnnotationDocument readMsrvtt(const std::filesystem::path& path);
    static void writeMsrvttRetrieval(const AnnotationDocument& document,
                                     const std::filesystem::path& path);
    static void writeMsrvttMultipleChoice(const AnnotationDocument& document,
                                          const std::filesystem::path& path);

    // One or more per-video CSV files and/or release JSON files.
    static AnnotationDocument readHowTo100m(const std::vector<std::filesystem::path>& paths);
    // The release JSON layout for any number of videos.
    static void writeHowTo100m(const AnnotationDocument& document,
                               const std::filesystem::path& path);
};

}  // namespace actbert::data
