#pragma once
// The annotation formats the CLI and the studio offer, as one descriptor table: each entry
// names the format, says what its files look like and which tracks it exports, and holds its
// reader and writer. `actbert import`/`export` and the studio's File > Import/Export menus are
// built from this table, so a format added here appears everywhere.
// Threading: the table is immutable; the functions are stateless.
//
//   const AnnotationFormat& format = AnnotationFormats::find("eaf");
//   AnnotationDocument document = format.read({"talk.eaf"}, /*video_key=*/"");

#include <filesystem>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/annotation_document.h"

namespace actbert::data {

struct AnnotationFormat {
    // Reads all `files` as one document. `video_key` names the video for single-video files
    // that do not name it (eaf, vtt, srt). Throws actbert::Error naming the file and place.
    using ReadFn = std::function<AnnotationDocument(const std::vector<std::filesystem::path>& files,
                                                    const std::string& video_key)>;
    // Writes atomically: an error leaves no file and an existing one untouched.
    using WriteFn =
        std::function<void(const AnnotationDocument& document, const std::filesystem::path& out)>;

    std::string name;      // what the CLI and scripts type ("youcook2-clips")
    std::string title;     // English menu text; the studio translates it when showing it
    std::string patterns;  // file dialog patterns, the export's default extension first
    std::set<store::TrackKind> export_kinds;  // exported when the user names no track (empty: all)
    bool exports_to_folder = false;           // the export writes a folder of files
    ReadFn read;
    WriteFn write;
};

class AnnotationFormats {
public:
    // In the order menus and help texts list them.
    static std::span<const AnnotationFormat> all();
    // Throws actbert::Error naming the unknown format and listing the known ones.
    static const AnnotationFormat& find(const std::string& format);

    static const std::vector<std::string>& names();
    // "youcook2, youcook2-clips, ..., json", for help texts.
    static std::string nameList();
    static void checkName(const std::string& format);

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
