#pragma once
// The two data-set JSON layouts: YouCook2 and COIN. Both are
// {"database": {video_id: {duration, subset, recipe_type, video_url, <segments>}}}
// with YouCook2 segments under "annotations" [{id, segment: [s, e], sentence}] and COIN
// segments under "annotation" [{id (step id), segment: [s, e], label}] plus "class", "start"
// and "end" per video. Our exports add "fps", "time_base" per video and "frames": [s, e] per
// segment; readers of the original layout ignore them, ours use them.
// Threading: stateless functions.

#include <filesystem>

#include "core/data/annotation_document.h"

namespace actbert::data {

class DatasetJsonFormat {
public:
    enum class Layout { YouCook2, Coin };

    static AnnotationDocument read(const std::filesystem::path& path, Layout layout);
    // Writes the Steps segments of every video (all tracks of the document, merged by time).
    static void write(const AnnotationDocument& document, const std::filesystem::path& path,
                      Layout layout);
};

}  // namespace actbert::data
