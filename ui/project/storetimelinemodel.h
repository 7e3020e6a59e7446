#pragma once
// The timeline of one video of a project: the store's tracks and items held in memory (so a
// paint never queries SQLite), reloaded per track when the store reports a change — an edit
// from this studio, an undo, or another connection (pollExternalChanges).
// Threading: GUI thread only; the Project must be used on the GUI thread too, so change
// listeners run here.

#include <cstdint>
#include <vector>

#include "ui/timeline/timelinemodel.h"

namespace actbert::store {
class Project;
struct ChangeEvent;
}  // namespace actbert::store

namespace actbert::ui {

class StoreTimelineModel : public TimelineModel {
    Q_OBJECT
public:
    // The project must outlive the model.
    StoreTimelineModel(store::Project& project, std::int64_t video_id, std::int64_t frame_count,
                       double frames_per_second, QObject* parent = nullptr);
    ~StoreTimelineModel() override;

    std::int64_t videoId() const { return video_id_; }
    std::int64_t trackId(int track_index) const { return track(track_index).id; }
    int trackIndexOf(std::int64_t track_id) const;

    int trackCount() const override { return static_cast<int>(tracks_.size()); }
    const TimelineTrack& track(int track_index) const override;
    const std::vector<TimelineItem>& items(int track_index) const override;
    std::int64_t frameCount() const override { return frame_count_; }
    double framesPerSecond() const override { return frames_per_second_; }

private:
    void reloadAll();
    void reloadTrack(int track_index);
    void onChange(const store::ChangeEvent& event);

    store::Project& project_;
    std::int64_t video_id_;
    std::int64_t frame_count_;
    double frames_per_second_;
    int listener_id_ = 0;
    std::vector<TimelineTrack> tracks_;
    std::vector<std::vector<TimelineItem>> items_;
};

}  // namespace actbert::ui
