#pragma once
// ELAN .eaf (EAF 2.7 to 3.0): TIME_ORDER of TIME_SLOTs (milliseconds), TIERs of
// ALIGNABLE_ANNOTATIONs between two slots and REF_ANNOTATIONs that depend on a parent
// annotation, LINGUISTIC_TYPEs with their constraints, CONTROLLED_VOCABULARYs. One file
// describes one video. Every tier type reads, with ELAN's times for unaligned slots and
// reference annotations (see eaf_timeline.h); tier parents become each segment's parent_id,
// PARTICIPANT its speaker, ANNOTATOR its author. Export writes one tier per track, dependent
// tiers (parent, constraint, REF_ANNOTATIONs) where the document still knows their parents,
// a controlled vocabulary for label tracks, and HEADER
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
