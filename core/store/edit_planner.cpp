#include "core/store/edit_planner.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/store/item_repository.h"
#include "core/store/track_repository.h"
#include "core/store/video_repository.h"

namespace actbert::store {
namespace {

std::string itemName(const Item& item) {
    return "item " + std::to_string(item.id);
}

// Marks a human change to an item.
Item edited(Item item, const std::string& author) {
    item.review_state = ReviewState::Edited;
    item.author = author;
    return item;
}

void setStart(Item& item, std::int64_t frame, const Video& video) {
    item.start_frame = frame;
    item.start_s = video.secondsAt(frame);
}

void setEnd(Item& item, std::int64_t frame, const Video& video) {
    item.end_frame = frame;
    item.end_s = video.secondsAt(frame);
}

}  // namespace

EditPlanner::EditPlanner(ItemRepository& items, TrackRepository& tracks, VideoRepository& videos)
    : items_(items), tracks_(tracks), videos_(videos) {}

ChangeSet EditPlanner::plan(const EditCommand& command, const std::string& author) {
    switch (command.type) {
        case EditCommand::Type::Create:
            return planCreate(command, author);
        case EditCommand::Type::Delete:
            return planDelete(command);
        case EditCommand::Type::MoveBoundary:
            return planMove(command, author);
        case EditCommand::Type::Split:
            return planSplit(command, author);
        case EditCommand::Type::Merge:
            return planMerge(command, author);
        case EditCommand::Type::Relabel:
            return planRelabel(command, author);
        case EditCommand::Type::SetReview:
            return planSetReview(command, author);
        case EditCommand::Type::BulkAccept:
            return planBulkAccept(command, author);
    }
    throw Error("unknown edit");
}

bool EditPlanner::isPartition(std::int64_t track_id) {
    return tracks_.get(track_id).kind == TrackKind::ActionSegmentation;
}

Video EditPlanner::videoOfTrack(std::int64_t track_id) {
    return videos_.get(tracks_.get(track_id).video_id);
}

void EditPlanner::checkFrameRange(const Video& video, std::int64_t start_frame,
                                  std::int64_t end_frame) {
    if (start_frame < 0 || end_frame <= start_frame) {
        throw Error("frames " + std::to_string(start_frame) + "-" + std::to_string(end_frame) +
                    " are not a valid range (start must be >= 0 and before the end)");
    }
    if (!video.fps_assumed && video.frame_count > 0 && end_frame > video.frame_count) {
        throw Error("frame " + std::to_string(end_frame) + " is past the end of video '" +
                    video.key + "' (" + std::to_string(video.frame_count) + " frames)");
    }
}

ChangeSet EditPlanner::planCreate(const EditCommand& command, const std::string& author) {
    const Video video = videoOfTrack(command.track_id);
    checkFrameRange(video, command.start_frame, command.end_frame);
    Item item;
    item.track_id = command.track_id;
    setStart(item, command.start_frame, video);
    setEnd(item, command.end_frame, video);
    item.label = command.label;
    item.label_id = command.label_id;
    item.review_state = ReviewState::Accepted;
    item.author = author;
    ChangeSet changes;
    if (isPartition(command.track_id)) {
        // The new segment takes its frames from whatever covered them; it may also extend the
        // covered range at either end, but never leave a gap.
        const auto all = items_.forTrack(command.track_id);
        if (!all.empty()) {
            const std::int64_t covered_start = all.front().start_frame;
            const std::int64_t covered_end = all.back().end_frame;
            if (command.start_frame > covered_end || command.end_frame < covered_start) {
                throw Error("a segment at frames " + std::to_string(command.start_frame) + "-" +
                            std::to_string(command.end_frame) +
                            " would leave a gap in the action segmentation (covered: " +
                            std::to_string(covered_start) + "-" + std::to_string(covered_end) +
                            ")");
            }
        }
        const double window_start = video.secondsAt(command.start_frame) - 1.0;
        const double window_end = video.secondsAt(command.end_frame) + 1.0;
        for (const Item& existing : items_.inWindow(command.track_id, window_start, window_end)) {
            if (existing.end_frame <= command.start_frame ||
                existing.start_frame >= command.end_frame) {
                continue;
            }
            const bool keeps_left = existing.start_frame < command.start_frame;
            const bool keeps_right = existing.end_frame > command.end_frame;
            if (!keeps_left && !keeps_right) {
                changes.add(existing, std::nullopt);
            } else if (keeps_left && keeps_right) {
                Item left = existing;
                setEnd(left, command.start_frame, video);
                Item right = existing;
                right.id = 0;
                right.external_id.clear();
                setStart(right, command.end_frame, video);
                changes.add(existing, left);
                changes.add(std::nullopt, right);
            } else if (keeps_left) {
                Item left = existing;
                setEnd(left, command.start_frame, video);
                changes.add(existing, left);
            } else {
                Item right = existing;
                setStart(right, command.end_frame, video);
                changes.add(existing, right);
            }
        }
    }
    changes.add(std::nullopt, item);
    return changes;
}

ChangeSet EditPlanner::planDelete(const EditCommand& command) {
    const Item item = items_.get(command.item_ids.at(0));
    ChangeSet changes;
    if (isPartition(item.track_id)) {
        // A neighbour takes over the frames so no gap opens: the previous one if any.
        const auto previous = items_.previous(item);
        const auto next = items_.next(item);
        if (previous && previous->end_frame == item.start_frame) {
            Item grown = *previous;
            grown.end_frame = item.end_frame;
            grown.end_s = item.end_s;
            changes.add(*previous, grown);
        } else if (next && next->start_frame == item.end_frame) {
            Item grown = *next;
            grown.start_frame = item.start_frame;
            grown.start_s = item.start_s;
            changes.add(*next, grown);
        }
    }
    changes.add(item, std::nullopt);
    return changes;
}

ChangeSet EditPlanner::planMove(const EditCommand& command, const std::string& author) {
    const Item item = items_.get(command.item_ids.at(0));
    const Video video = videoOfTrack(item.track_id);
    const bool at_end = command.edge == Edge::End;
    // On a partition track the neighbour sharing the boundary follows it.
    std::optional<Item> neighbour;
    if (isPartition(item.track_id)) {
        neighbour = at_end ? items_.next(item) : items_.previous(item);
        const bool shares = neighbour && (at_end ? neighbour->start_frame == item.end_frame
                                                 : neighbour->end_frame == item.start_frame);
        if (!shares) {
            neighbour.reset();
        }
    }
    std::int64_t frame = command.frame;
    if (command.stop_at_limits) {
        // Both the item and the follower keep at least one frame; the video bounds the rest.
        const bool known_length = !video.fps_assumed && video.frame_count > 0;
        const std::int64_t lower =
            at_end ? item.start_frame + 1 : (neighbour ? neighbour->start_frame + 1 : 0);
        const std::int64_t upper =
            at_end
                ? (neighbour ? neighbour->end_frame - 1
                             : (known_length ? video.frame_count : std::max(frame, item.end_frame)))
                : item.end_frame - 1;
        frame = std::clamp(frame, lower, std::max(lower, upper));
    }
    ChangeSet changes;
    if (frame == (at_end ? item.end_frame : item.start_frame)) {
        return changes;  // nothing moves: no undo step either
    }
    Item moved = edited(item, author);
    if (at_end) {
        setEnd(moved, frame, video);
    } else {
        setStart(moved, frame, video);
    }
    checkFrameRange(video, moved.start_frame, moved.end_frame);
    if (neighbour) {
        Item follower = *neighbour;
        if (at_end) {
            setStart(follower, frame, video);
        } else {
            setEnd(follower, frame, video);
        }
        if (follower.end_frame <= follower.start_frame) {
            throw Error("moving the boundary to frame " + std::to_string(frame) +
                        " would swallow " + itemName(*neighbour) + " (delete or merge it instead)");
        }
        changes.add(*neighbour, follower);
    }
    changes.add(item, moved);
    return changes;
}

ChangeSet EditPlanner::planSplit(const EditCommand& command, const std::string& author) {
    const Item item = items_.get(command.item_ids.at(0));
    if (command.frame <= item.start_frame || command.frame >= item.end_frame) {
        throw Error("frame " + std::to_string(command.frame) + " is not inside " + itemName(item) +
                    " (frames " + std::to_string(item.start_frame) + "-" +
                    std::to_string(item.end_frame) + ")");
    }
    const Video video = videoOfTrack(item.track_id);
    Item left = edited(item, author);
    setEnd(left, command.frame, video);
    Item right = edited(item, author);
    right.id = 0;
    right.external_id.clear();
    setStart(right, command.frame, video);
    ChangeSet changes;
    changes.add(item, left);
    changes.add(std::nullopt, right);
    return changes;
}

ChangeSet EditPlanner::planMerge(const EditCommand& command, const std::string& author) {
    Item first = items_.get(command.item_ids.at(0));
    Item second = items_.get(command.item_ids.at(1));
    if (first.id == second.id || first.track_id != second.track_id) {
        throw Error("merge needs two different items of the same track");
    }
    if (second.start_s < first.start_s) {
        std::swap(first, second);
    }
    if (isPartition(first.track_id) && first.end_frame != second.start_frame) {
        throw Error("items " + std::to_string(first.id) + " and " + std::to_string(second.id) +
                    " are not neighbours; only adjacent segments can be merged");
    }
    Item merged = edited(first, author);
    if (second.end_frame > merged.end_frame) {
        merged.end_frame = second.end_frame;
        merged.end_s = second.end_s;
    }
    ChangeSet changes;
    changes.add(second, std::nullopt);
    changes.add(first, merged);
    return changes;
}

ChangeSet EditPlanner::planRelabel(const EditCommand& command, const std::string& author) {
    const Item item = items_.get(command.item_ids.at(0));
    Item relabelled = edited(item, author);
    relabelled.label = command.label;
    relabelled.label_id = command.label_id;
    ChangeSet changes;
    changes.add(item, relabelled);
    return changes;
}

ChangeSet EditPlanner::planSetReview(const EditCommand& command, const std::string& author) {
    ChangeSet changes;
    for (const std::int64_t id : command.item_ids) {
        const Item item = items_.get(id);
        Item reviewed = item;
        reviewed.review_state = command.review_state;
        if (reviewed.author.empty()) {
            reviewed.author = author;
        }
        if (!(reviewed == item)) {
            changes.add(item, reviewed);
        }
    }
    return changes;
}

ChangeSet EditPlanner::planBulkAccept(const EditCommand& command, const std::string& author) {
    ChangeSet changes;
    for (const Item& item : items_.forTrack(command.track_id)) {
        if (item.review_state != ReviewState::Unreviewed) {
            continue;
        }
        if (command.min_confidence &&
            (!item.confidence || *item.confidence < *command.min_confidence)) {
            continue;
        }
        Item accepted = item;
        accepted.review_state = ReviewState::Accepted;
        if (accepted.author.empty()) {
            accepted.author = author;
        }
        changes.add(item, accepted);
    }
    return changes;
}

void EditPlanner::checkPartitionAround(const Item& item) {
    if (item.end_frame <= item.start_frame) {
        throw Error(itemName(item) + " would be empty");
    }
    const auto previous = items_.previous(item);
    const auto next = items_.next(item);
    if (previous && previous->end_frame != item.start_frame) {
        throw Error("the edit would leave a gap or overlap between items " +
                    std::to_string(previous->id) + " and " + std::to_string(item.id));
    }
    if (next && next->start_frame != item.end_frame) {
        throw Error("the edit would leave a gap or overlap between items " +
                    std::to_string(item.id) + " and " + std::to_string(next->id));
    }
}

}  // namespace actbert::store
