#pragma once
// WebVTT and SRT: cue blocks "hh:mm:ss.mmm --> hh:mm:ss.mmm" (SRT with a comma) and text.
// One file is one track of one video. Caption tracks export as cues, step tracks as chapter
// cues (the same file layout; a player loads it with kind="chapters"). Our WebVTT exports
// start with a "NOTE actbert" block naming video, track, kind, fps and time base, and give
// each cue the identifier "frames S-E", so a re-import restores all of it.
// Threading: stateless functions.

#include <filesystem>
#include <string>

#include "core/data/annotation_document.h"

namespace actbert::data {

class SubtitleFormat {
public:
    enum class Flavour { WebVtt, Srt };

    // `video_key` is used when the file does not name its video; empty means the file's name.
    static AnnotationDocument read(const std::filesystem::path& path, Flavour flavour,
                                   const std::string& video_key = {});
    // Cues from elsewhere (a video's embedded subtitle stream), as plain text: checked and
    // folded like a file's cues (a cue with impossible times is dropped with a warning naming
    // its origin; rolling auto-captions keep each line once).
    static AnnotationDocument fromCues(const std::string& source, const std::string& video_key,
                                       TrackRecord track);
    // The document must hold exactly one video with exactly one track.
    static void write(const AnnotationDocument& document, const std::filesystem::path& path,
                      Flavour flavour);
};

}  // namespace actbert::data
