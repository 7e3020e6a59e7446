#pragma once
// The format names the CLI and the studio offer, mapped to readers and writers:
// youcook2, youcook2-clips, msrvtt, howto100m, coin, crosstask, eaf, vtt, srt, csv, json.
// Threading: stateless functions.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/annotation_document.h"

namespace actbert::data {

class AnnotationFormats {
public:
    static const std::vector<std::string>& names();
    // Throws actbert::Error naming the unknown format and listing the known ones.
    static void checkName(const std::string& format);

    // `video_key` names the video for single-video files that do not name it (eaf, vtt, srt).
    static AnnotationDocument read(const std::string& format,
                                   const std::vector<std::filesystem::path>& files,
                                   const std::string& video_key = {});
    // msrvtt writes the multiple-choice layout to *.tsv, the 1k-A CSV otherwise; howto100m
    // writes CSV to *.csv, the release JSON otherwise; crosstask writes into a folder.
    // Every file is written atomically, so a cancel (checked before anything is written;
    // throws actbert::Cancelled) or an error leaves no file and an existing one untouched.
    // Reports "writing" at the start and the end.
    static void write(const std::string& format, const AnnotationDocument& document,
                      const std::filesystem::path& out, const ProgressFn& progress = {},
                      const CancelToken& cancel = CancelToken());

    // Track kinds a format exports when the user names no track.
    static std::set<store::TrackKind> defaultKinds(const std::string& format);
};

}  // namespace actbert::data
