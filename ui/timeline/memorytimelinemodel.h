#pragma once
// A TimelineModel held in memory: used by tests, benchmarks and the studio before a
// project is open. Applies TimelineChanges so the same edit planner and undo stack work on
// it as on the store.
// Threading: GUI thread only.

#include <cstdint>
#include <vector>

#include "ui/timeline/timelinechange.h"
#include "ui/timeline/timelinemodel.h"

namespace actbert::ui {

class MemoryTimelineModel : public TimelineModel {
    Q_OBJECT
public:
    explicit MemoryTimelineModel(QObject* parent = nullptr);

    void setVideo(std::int64_t frame_count, double frames_per_second);
    // Replaces all tracks; `track_items[i]` need not be sorted.
    void setTracks(std::vector<TimelineTrack> tracks,
                   std::vector<std::vector<TimelineItem>> track_items);
    // Throws actbert::Error when an item to remove is missing (a stale change).
    void apply(const TimelineChange& change, ChangeDirection direction);
    std::int64_t allocateItemId() { return next_item_id_++; }

    int trackCount() const override { return static_cast<int>(tracks_.size()); }
    const TimelineTrack& track(int track_index) const override;
    const std::vector<TimelineItem>& items(int track_index) const override;
    std::int64_t frameCount() const override { return frame_count_; }
    double framesPerSecond() const override { return frames_per_second_; }

private:
    std::vector<TimelineTrack> tracks_;
    std::vector<std::vector<TimelineItem>> items_;
    std::int64_t frame_count_ = 0;
    double frames_per_second_ = 25.0;
    std::int64_t next_item_id_ = 1;
};

}  // namespace actbert::ui
