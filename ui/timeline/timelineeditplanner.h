#pragma once
// Turns a user's edit request on the timeline into one TimelineChange, with the rules of
// the track applied: items keep at least one frame, stay inside the video, and on partition
// tracks neighbours follow a moved boundary, a deleted item's time goes to its neighbour and
// a new item carves its interval out of the items below it. Returns no change when the
// request would change nothing or is not possible (a split on an item's first frame).
// Threading: GUI thread (reads the model).

#include <QCoreApplication>

#include <cstdint>
#include <functional>
#include <optional>

#include "ui/timeline/timelinechange.h"
#include "ui/timeline/timelinemodel.h"

namespace actbert::ui {

class TimelineEditPlanner {
    Q_DECLARE_TR_FUNCTIONS(actbert::ui::TimelineEditPlanner)
public:
    using IdAllocator = std::function<std::int64_t()>;

    TimelineEditPlanner(const TimelineModel& model, IdAllocator allocate_id);

    std::optional<TimelineChange> moveEdge(int track_index, std::int64_t item_id, ItemEdge edge,
                                           std::int64_t frame) const;
    std::optional<TimelineChange> split(int track_index, std::int64_t frame) const;
    // Merges the item with the next one on its track.
    std::optional<TimelineChange> mergeWithNext(int track_index, std::int64_t item_id) const;
    std::optional<TimelineChange> relabel(int track_index, std::int64_t item_id,
                                          const QString& label) const;
    std::optional<TimelineChange> remove(int track_index, std::int64_t item_id) const;
    std::optional<TimelineChange> review(int track_index, std::int64_t item_id,
                                         ReviewState state) const;
    std::optional<TimelineChange> create(int track_index, std::int64_t start_frame,
                                         std::int64_t end_frame, const QString& label) const;

private:
    const TimelineItem* find(int track_index, std::int64_t item_id, int* index) const;

    const TimelineModel& model_;
    IdAllocator allocate_id_;
};

}  // namespace actbert::ui
