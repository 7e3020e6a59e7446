#pragma once
// A video's embedded text subtitle stream (decoded by core/video) as a captions track ready
// for ProjectImporter: the one path `actbert import subtitles` and the studio's File > Import >
// Subtitles from video share, so both choose, name and fold the cues alike.
// Threading: stateless functions; read() may run on any thread (it opens its own demuxer).
//
//   const auto subtitles = EmbeddedSubtitles::read(path, {.language = "spa"});
//   ProjectImporter::run(project, subtitles.document(EmbeddedSubtitles::videoKeyFor(project,
//                        path)), {}, progress, cancel);

#include <filesystem>
#include <optional>
#include <string>

#include "core/common/progress.h"
#include "core/data/annotation_document.h"

namespace actbert::store {
class Project;
}

namespace actbert::data {

struct EmbeddedSubtitleRequest {
    std::optional<int> stream;  // the container's stream number
    std::string language;       // else the first stream in this language (eng, en, ...)
    std::string track_name;     // empty: "subtitles-LANGUAGE" ("subtitles-N" without one)
};

struct EmbeddedSubtitleTrack {
    int stream_index = -1;
    std::string language;  // as the container tags it; may be empty
    std::string codec;
    std::string title;
    std::string source;       // "FILE, stream N", for messages
    double duration_s = 0.0;  // the video's, so the cues are checked against it
    TrackRecord track;        // captions, one segment per cue

    // The document ProjectImporter takes, the track belonging to the video `video_key`; its
    // warnings name the cues that were dropped or folded.
    AnnotationDocument document(const std::string& video_key) const;
};

class EmbeddedSubtitles {
public:
    // Chooses the stream as video::chooseSubtitleStream does and decodes it. Throws
    // actbert::Error naming the file (no such stream, pictures instead of text, a decoder
    // error); actbert::Cancelled once `cancel` is set.
    static EmbeddedSubtitleTrack read(const std::filesystem::path& video_path,
                                      const EmbeddedSubtitleRequest& request,
                                      const CancelToken& cancel = CancelToken());
    // The key of the project's video whose file is `video_path`, else the file name (the key
    // the studio gives a video it opens).
    static std::string videoKeyFor(store::Project& project,
                                   const std::filesystem::path& video_path);
};

}  // namespace actbert::data
