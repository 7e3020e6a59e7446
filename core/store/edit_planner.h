#pragma once
// Turns an EditCommand into the exact row changes against the current items, enforcing the
// track's rules: an action-segmentation track stays a partition (gap-free, non-overlapping)
// under every edit, items keep start < end, and frames stay inside a probed video.
// Threading: as Project (reads through its repositories).

#include <string>

#include "core/store/change_set.h"
#include "core/store/edit_command.h"

namespace actbert::store {

class ItemRepository;
class TrackRepository;
class VideoRepository;

class EditPlanner {
public:
    EditPlanner(ItemRepository& items, TrackRepository& tracks, VideoRepository& videos);

    // Throws actbert::Error explaining why the edit is not possible.
    ChangeSet plan(const EditCommand& command, const std::string& author);

    // Throws when the items around `item_id` break the partition of its track.
    void checkPartitionAround(const Item& item);

private:
    ChangeSet planCreate(const EditCommand& command, const std::string& author);
    ChangeSet planDelete(const EditCommand& command);
    ChangeSet planMove(const EditCommand& command, const std::string& author);
    ChangeSet planSplit(const EditCommand& command, const std::string& author);
    ChangeSet planMerge(const EditCommand& command, const std::string& author);
    ChangeSet planRelabel(const EditCommand& command, const std::string& author);
    ChangeSet planSetReview(const EditCommand& command, const std::string& author);
    ChangeSet planBulkAccept(const EditCommand& command, const std::string& author);

    bool isPartition(std::int64_t track_id);
    void checkFrameRange(const Video& video, std::int64_t start_frame, std::int64_t end_frame);
    Video videoOfTrack(std::int64_t track_id);

    ItemRepository& items_;
    TrackRepository& tracks_;
    VideoRepository& videos_;
};

}  // namespace actbert::store
