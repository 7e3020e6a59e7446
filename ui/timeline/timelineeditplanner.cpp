#include "ui/timeline/timelineeditplanner.h"

#include <algorithm>

namespace actbert::ui {

TimelineEditPlanner::TimelineEditPlanner(const TimelineModel& model, IdAllocator allocate_id)
    : model_(model), allocate_id_(std::move(allocate_id)) {}

const TimelineItem* TimelineEditPlanner::find(int track_index, std::int64_t item_id,
                                              int* index) const {
    if (track_index < 0 || track_index >= model_.trackCount()) {
        return nullptr;
    }
    const int i = model_.indexOfItem(track_index, item_id);
    if (index != nullptr) {
        *index = i;
    }
    return i < 0 ? nullptr : &model_.items(track_index)[static_cast<std::size_t>(i)];
}

std::optional<TimelineChange> TimelineEditPlanner::moveEdge(int track_index, std::int64_t item_id,
                                                            ItemEdge edge,
                                                            std::int64_t frame) const {
    int index = -1;
    const TimelineItem* item = find(track_index, item_id, &index);
    if (item == nullptr) {
        return std::nullopt;
    }
    const auto& list = model_.items(track_index);
    const bool partition = model_.track(track_index).layout == TrackLayout::Partition;
    TimelineChange change;
    change.track_index = track_index;
    TimelineItem moved = *item;
    // On a partition track the neighbour sharing the boundary moves with it, so the limits
    // are the neighbour's far edge instead of the video's ends.
    const TimelineItem* neighbour = nullptr;
    if (edge == ItemEdge::End) {
        std::int64_t limit = model_.frameCount();
        if (partition && index + 1 < static_cast<int>(list.size()) &&
            list[static_cast<std::size_t>(index + 1)].start_frame == item->end_frame) {
            neighbour = &list[static_cast<std::size_t>(index + 1)];
            limit = neighbour->end_frame - 1;
        }
        moved.end_frame =
            std::clamp(frame, item->start_frame + 1, std::max(limit, item->start_frame + 1));
        if (moved.end_frame == item->end_frame) {
            return std::nullopt;
        }
    } else {
        std::int64_t limit = 0;
        if (partition && index > 0 &&
            list[static_cast<std::size_t>(index - 1)].end_frame == item->start_frame) {
            neighbour = &list[static_cast<std::size_t>(index - 1)];
            limit = neighbour->start_frame + 1;
        }
        moved.start_frame =
            std::clamp(frame, std::min(limit, item->end_frame - 1), item->end_frame - 1);
        if (moved.start_frame == item->start_frame) {
            return std::nullopt;
        }
    }
    change.before.push_back(*item);
    change.after.push_back(moved);
    if (neighbour != nullptr) {
        TimelineItem follower = *neighbour;
        if (edge == ItemEdge::End) {
            follower.start_frame = moved.end_frame;
        } else {
            follower.end_frame = moved.start_frame;
        }
        change.before.push_back(*neighbour);
        change.after.push_back(follower);
    }
    change.description = tr("Move boundary of '%1'").arg(item->label);
    return change;
}

std::optional<TimelineChange> TimelineEditPlanner::split(int track_index,
                                                         std::int64_t frame) const {
    if (track_index < 0 || track_index >= model_.trackCount()) {
        return std::nullopt;
    }
    const int index = model_.indexAtFrame(track_index, frame);
    if (index < 0) {
        return std::nullopt;
    }
    const TimelineItem& item = model_.items(track_index)[static_cast<std::size_t>(index)];
    if (frame <= item.start_frame || frame >= item.end_frame) {
        return std::nullopt;
    }
    TimelineItem left = item;
    left.end_frame = frame;
    TimelineItem right = item;
    right.id = allocate_id_();
    right.start_frame = frame;
    TimelineChange change;
    change.track_index = track_index;
    change.before = {item};
    change.after = {left, right};
    change.description = tr("Split '%1'").arg(item.label);
    return change;
}

std::optional<TimelineChange> TimelineEditPlanner::mergeWithNext(int track_index,
                                                                 std::int64_t item_id) const {
    int index = -1;
    const TimelineItem* item = find(track_index, item_id, &index);
    const auto& list = model_.items(track_index < 0 ? 0 : track_index);
    if (item == nullptr || index + 1 >= static_cast<int>(list.size())) {
        return std::nullopt;
    }
    const TimelineItem& next = list[static_cast<std::size_t>(index + 1)];
    TimelineItem merged = *item;
    merged.end_frame = std::max(item->end_frame, next.end_frame);
    // A merged item is a human decision: the model's confidence no longer applies.
    merged.confidence = -1.0;
    merged.review = ReviewState::Accepted;
    TimelineChange change;
    change.track_index = track_index;
    change.before = {*item, next};
    change.after = {merged};
    change.description = tr("Merge '%1' and '%2'").arg(item->label, next.label);
    return change;
}

std::optional<TimelineChange> TimelineEditPlanner::relabel(int track_index, std::int64_t item_id,
                                                           const QString& label) const {
    const TimelineItem* item = find(track_index, item_id, nullptr);
    const QString trimmed = label.trimmed();
    if (item == nullptr || trimmed.isEmpty() || trimmed == item->label) {
        return std::nullopt;
    }
    TimelineItem relabelled = *item;
    relabelled.label = trimmed;
    relabelled.confidence = -1.0;
    relabelled.review = ReviewState::Accepted;
    TimelineChange change;
    change.track_index = track_index;
    change.before = {*item};
    change.after = {relabelled};
    change.description = tr("Relabel '%1' as '%2'").arg(item->label, trimmed);
    return change;
}

std::optional<TimelineChange> TimelineEditPlanner::remove(int track_index,
                                                          std::int64_t item_id) const {
    int index = -1;
    const TimelineItem* item = find(track_index, item_id, &index);
    if (item == nullptr) {
        return std::nullopt;
    }
    TimelineChange change;
    change.track_index = track_index;
    change.before = {*item};
    change.description = tr("Delete '%1'").arg(item->label);
    const auto& list = model_.items(track_index);
    if (model_.track(track_index).layout == TrackLayout::Partition && list.size() > 1) {
        // The partition stays a partition: the previous item (or the next, for the first)
        // takes over the deleted interval.
        const bool has_previous = index > 0;
        TimelineItem heir = list[static_cast<std::size_t>(has_previous ? index - 1 : index + 1)];
        change.before.push_back(heir);
        if (has_previous) {
            heir.end_frame = item->end_frame;
        } else {
            heir.start_frame = item->start_frame;
        }
        change.after.push_back(heir);
    }
    return change;
}

std::optional<TimelineChange> TimelineEditPlanner::review(int track_index, std::int64_t item_id,
                                                          ReviewState state) const {
    const TimelineItem* item = find(track_index, item_id, nullptr);
    if (item == nullptr || item->review == state) {
        return std::nullopt;
    }
    TimelineItem reviewed = *item;
    reviewed.review = state;
    TimelineChange change;
    change.track_index = track_index;
    change.before = {*item};
    change.after = {reviewed};
    change.description = state == ReviewState::Accepted   ? tr("Accept '%1'").arg(item->label)
                         : state == ReviewState::Rejected ? tr("Reject '%1'").arg(item->label)
                                                          : tr("Unreview '%1'").arg(item->label);
    return change;
}

std::optional<TimelineChange> TimelineEditPlanner::create(int track_index, std::int64_t start_frame,
                                                          std::int64_t end_frame,
                                                          const QString& label) const {
    if (track_index < 0 || track_index >= model_.trackCount()) {
        return std::nullopt;
    }
    start_frame = std::clamp<std::int64_t>(start_frame, 0, model_.frameCount());
    end_frame = std::clamp<std::int64_t>(end_frame, 0, model_.frameCount());
    if (end_frame <= start_frame) {
        return std::nullopt;
    }
    TimelineChange change;
    change.track_index = track_index;
    if (model_.track(track_index).layout == TrackLayout::Partition) {
        // Items under the new interval are trimmed (or split in two when it lies inside one).
        for (const auto& item : model_.items(track_index)) {
            if (item.end_frame <= start_frame || item.start_frame >= end_frame) {
                continue;
            }
            change.before.push_back(item);
            if (item.start_frame < start_frame) {
                TimelineItem left = item;
                left.end_frame = start_frame;
                change.after.push_back(left);
            }
            if (item.end_frame > end_frame) {
                TimelineItem right = item;
                right.start_frame = end_frame;
                if (item.start_frame < start_frame) {
                    right.id = allocate_id_();
                }
                change.after.push_back(right);
            }
        }
    }
    TimelineItem created;
    created.id = allocate_id_();
    created.start_frame = start_frame;
    created.end_frame = end_frame;
    created.label = label.trimmed().isEmpty() ? tr("unlabelled") : label.trimmed();
    created.review = ReviewState::Accepted;
    change.after.push_back(created);
    change.description = tr("Create '%1'").arg(created.label);
    return change;
}

}  // namespace actbert::ui
