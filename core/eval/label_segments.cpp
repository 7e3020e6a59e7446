#include "core/eval/label_segments.h"

namespace actbert::eval {

std::vector<LabelSegment> labelSegments(std::span<const int> labels,
                                        std::optional<int> background) {
    std::vector<LabelSegment> segments;
    std::size_t start = 0;
    while (start < labels.size()) {
        std::size_t end = start + 1;
        while (end < labels.size() && labels[end] == labels[start]) {
            ++end;
        }
        if (!background || labels[start] != *background) {
            segments.push_back({labels[start], static_cast<int>(start), static_cast<int>(end)});
        }
        start = end;
    }
    return segments;
}

}  // namespace actbert::eval
