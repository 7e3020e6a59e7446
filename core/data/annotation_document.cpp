#include "core/data/annotation_document.h"

namespace actbert::data {

std::size_t AnnotationDocument::segmentCount() const {
    std::size_t count = 0;
    for (const auto& video : videos) {
        for (const auto& track : video.tracks) {
            count += track.segments.size();
        }
    }
    return count;
}

}  // namespace actbert::data
