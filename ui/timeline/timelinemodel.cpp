#include "ui/timeline/timelinemodel.h"

#include <algorithm>

namespace actbert::ui {

int TimelineModel::indexOfItem(int track_index, std::int64_t item_id) const {
    const auto& list = items(track_index);
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].id == item_id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int TimelineModel::indexAtFrame(int track_index, std::int64_t frame) const {
    const auto& list = items(track_index);
    // First item starting after `frame`; candidates lie before it.
    auto it = std::upper_bound(
        list.begin(), list.end(), frame,
        [](std::int64_t f, const TimelineItem& item) { return f < item.start_frame; });
    // Walk back over overlapping items (free tracks) until one covers the frame; partition
    // tracks answer on the first step.
    while (it != list.begin()) {
        --it;
        if (it->contains(frame)) {
            return static_cast<int>(it - list.begin());
        }
        if (list.size() > 0 && it->end_frame <= frame && track(track_index).isPartition()) {
            break;
        }
    }
    return -1;
}

}  // namespace actbert::ui
