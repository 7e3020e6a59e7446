#pragma once
// ELAN .eaf: TIME_ORDER of TIME_SLOTs (milliseconds), TIERs of ALIGNABLE_ANNOTATIONs between
// two slots, LINGUISTIC_TYPEs and CONTROLLED_VOCABULARYs. One file describes one video.
// Export writes one tier per track, a controlled vocabulary for label tracks, and HEADER
// PROPERTYs (actbert:video, actbert:fps, actbert:time_base, actbert:kind:<tier>) so frames,
// kinds and the video come back on import. DTDs are refused, so entity bombs cannot expand.
// Threading: stateless functions.

#include <filesystem>
#include <string>

#include "core/data/annotation_document.h"

namespace actbert::data {

class EafFormat {
public:
    // `video_key` names the video when the file does not (no actbert:video property); empty
    // means the media file's name, or the .eaf's own name.
    static AnnotationDocument read(const std::filesystem::path& path,
                                   const std::string& video_key = {});
    // The document must hold exactly one video.
    static void write(const AnnotationDocument& document, const std::filesystem::path& path);
};

}  // namespace actbert::data
