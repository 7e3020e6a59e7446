#include "ui/project/storetimelinemodel.h"

#include <algorithm>
#include <set>

#include "core/store/project.h"

namespace actbert::ui {

StoreTimelineModel::StoreTimelineModel(store::Project& project, std::int64_t video_id,
                                       std::int64_t frame_count, double frames_per_second,
                                       QObject* parent)
    : TimelineModel(parent),
      project_(project),
      video_id_(video_id),
      frame_count_(frame_count),
      frames_per_second_(frames_per_second > 0 ? frames_per_second : 25.0) {
    listener_id_ =
        project_.notifier().subscribe([this](const store::ChangeEvent& event) { onChange(event); });
    reloadAll();
}

StoreTimelineModel::~StoreTimelineModel() {
    project_.notifier().unsubscribe(listener_id_);
}

const TimelineTrack& StoreTimelineModel::track(int track_index) const {
    return tracks_.at(static_cast<std::size_t>(track_index));
}

const std::vector<TimelineItem>& StoreTimelineModel::items(int track_index) const {
    return items_.at(static_cast<std::size_t>(track_index));
}

int StoreTimelineModel::trackIndexOf(std::int64_t track_id) const {
    for (std::size_t i = 0; i < tracks_.size(); ++i) {
        if (tracks_[i].id == track_id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void StoreTimelineModel::reloadAll() {
    tracks_.clear();
    for (const store::Track& stored : project_.tracks().forVideo(video_id_)) {
        TimelineTrack track;
        track.id = stored.id;
        track.name = QString::fromStdString(stored.name);
        track.kind = stored.kind;
        tracks_.push_back(track);
    }
    items_.assign(tracks_.size(), {});
    for (int t = 0; t < trackCount(); ++t) {
        reloadTrack(t);
    }
    Q_EMIT tracksReset();
}

void StoreTimelineModel::reloadTrack(int track_index) {
    auto& list = items_[static_cast<std::size_t>(track_index)];
    list.clear();
    std::set<QString> labels;
    for (const store::Item& stored :
         project_.items().forTrack(tracks_[static_cast<std::size_t>(track_index)].id)) {
        TimelineItem item;
        item.id = stored.id;
        item.start_frame = stored.whole_video ? 0 : stored.start_frame;
        item.end_frame = stored.whole_video ? frame_count_ : stored.end_frame;
        item.label = QString::fromStdString(stored.label);
        item.confidence = stored.confidence.value_or(-1.0);
        item.review = stored.review_state;
        if (!item.label.isEmpty()) {
            labels.insert(item.label);
        }
        list.push_back(std::move(item));
    }
    // The store sorts by start time; frames decide here (equal times, rounding).
    std::stable_sort(list.begin(), list.end(), [](const TimelineItem& a, const TimelineItem& b) {
        return a.start_frame != b.start_frame ? a.start_frame < b.start_frame : a.id < b.id;
    });
    // Relabelling offers the labels already used on the track, in alphabetical order.
    tracks_[static_cast<std::size_t>(track_index)].vocabulary =
        QStringList(labels.begin(), labels.end());
}

void StoreTimelineModel::onChange(const store::ChangeEvent& event) {
    if (event.structure_changed || event.external) {
        reloadAll();
        return;
    }
    for (const std::int64_t track_id : event.track_ids) {
        const int index = trackIndexOf(track_id);
        if (index >= 0) {
            reloadTrack(index);
            Q_EMIT itemsChanged(index);
        }
    }
}

}  // namespace actbert::ui
