#include "ui/timeline/memorytimelinemodel.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/common/error.h"

namespace actbert::ui {

namespace {

bool itemLess(const TimelineItem& a, const TimelineItem& b) {
    return a.start_frame != b.start_frame ? a.start_frame < b.start_frame : a.id < b.id;
}

}  // namespace

MemoryTimelineModel::MemoryTimelineModel(QObject* parent) : TimelineModel(parent) {}

void MemoryTimelineModel::setVideo(std::int64_t frame_count, double frames_per_second) {
    frame_count_ = std::max<std::int64_t>(0, frame_count);
    frames_per_second_ = frames_per_second > 0 ? frames_per_second : 25.0;
    Q_EMIT tracksReset();
}

void MemoryTimelineModel::setTracks(std::vector<TimelineTrack> tracks,
                                    std::vector<std::vector<TimelineItem>> track_items) {
    if (track_items.size() != tracks.size()) {
        throw Error("timeline: " + std::to_string(tracks.size()) + " tracks but " +
                    std::to_string(track_items.size()) + " item lists");
    }
    tracks_ = std::move(tracks);
    items_ = std::move(track_items);
    for (auto& list : items_) {
        std::sort(list.begin(), list.end(), itemLess);
        for (const auto& item : list) {
            next_item_id_ = std::max(next_item_id_, item.id + 1);
        }
    }
    Q_EMIT tracksReset();
}

const TimelineTrack& MemoryTimelineModel::track(int track_index) const {
    return tracks_.at(static_cast<std::size_t>(track_index));
}

const std::vector<TimelineItem>& MemoryTimelineModel::items(int track_index) const {
    return items_.at(static_cast<std::size_t>(track_index));
}

void MemoryTimelineModel::apply(const TimelineChange& change, ChangeDirection direction) {
    if (change.track_index < 0 || change.track_index >= trackCount()) {
        throw Error("timeline: change for missing track " + std::to_string(change.track_index));
    }
    const auto& removed = direction == ChangeDirection::Forward ? change.before : change.after;
    const auto& inserted = direction == ChangeDirection::Forward ? change.after : change.before;
    auto& list = items_[static_cast<std::size_t>(change.track_index)];

    std::unordered_set<std::int64_t> removed_ids;
    for (const auto& item : removed) {
        removed_ids.insert(item.id);
    }
    const auto present = std::count_if(list.begin(), list.end(), [&](const TimelineItem& item) {
        return removed_ids.count(item.id) > 0;
    });
    // Checked before touching the list so a stale change leaves the track as it was.
    if (static_cast<std::size_t>(present) != removed_ids.size()) {
        throw Error("timeline: change '" + change.description.toStdString() +
                    "' refers to items that are no longer on the track");
    }
    std::erase_if(list, [&](const TimelineItem& item) { return removed_ids.count(item.id) > 0; });
    // Changes touch a handful of items: insert each in place instead of re-sorting 100k.
    for (const auto& item : inserted) {
        list.insert(std::upper_bound(list.begin(), list.end(), item, itemLess), item);
        next_item_id_ = std::max(next_item_id_, item.id + 1);
    }
    Q_EMIT itemsChanged(change.track_index);
}

}  // namespace actbert::ui
