#pragma once
// One user edit, as a value: what the user asked for, not yet how the rows change.
// EditPlanner turns it into a ChangeSet against the current items; EditJournal applies,
// journals and undoes it. Positions are frame indices (the timeline snaps to frames); seconds
// follow from the video's frame rate.
// Threading: a plain value, safe to build on any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store_types.h"

namespace actbert::store {

enum class Edge { Start, End };

struct EditCommand {
    enum class Type { Create, Delete, MoveBoundary, Split, Merge, Relabel, SetReview, BulkAccept };

    Type type = Type::Create;
    std::int64_t track_id = 0;                         // Create, BulkAccept
    std::vector<std::int64_t> item_ids;                // the items the edit is about
    std::int64_t start_frame = 0;                      // Create
    std::int64_t end_frame = 0;                        // Create
    std::int64_t frame = 0;                            // MoveBoundary target, Split position
    Edge edge = Edge::End;                             // MoveBoundary
    std::string label;                                 // Create, Relabel
    std::string label_id;                              // Create, Relabel
    ReviewState review_state = ReviewState::Accepted;  // SetReview
    std::optional<double> min_confidence;              // BulkAccept: only items at least this sure
    // Consecutive MoveBoundary edits with the same non-empty session (one mouse drag) become one
    // undo step.
    std::string drag_session;
    // MoveBoundary from a mouse drag: a boundary dragged too far stops where the item (and its
    // partition neighbour) keep one frame, or at the video's ends, instead of being refused.
    bool stop_at_limits = false;

    static EditCommand create(std::int64_t track_id, std::int64_t start_frame,
                              std::int64_t end_frame, std::string label, std::string label_id = {});
    static EditCommand remove(std::int64_t item_id);
    static EditCommand moveBoundary(std::int64_t item_id, Edge edge, std::int64_t frame,
                                    std::string drag_session = {});
    // The studio's drag: moveBoundary with stop_at_limits.
    static EditCommand dragBoundary(std::int64_t item_id, Edge edge, std::int64_t frame,
                                    std::string drag_session = {});
    static EditCommand split(std::int64_t item_id, std::int64_t frame);
    static EditCommand merge(std::int64_t first_item_id, std::int64_t second_item_id);
    static EditCommand relabel(std::int64_t item_id, std::string label, std::string label_id = {});
    static EditCommand setReviewState(std::vector<std::int64_t> item_ids, ReviewState state);
    static EditCommand bulkAccept(std::int64_t track_id,
                                  std::optional<double> min_confidence = std::nullopt);

    // "move end of item 12 to frame 340": what the history list shows.
    std::string describe() const;
};

}  // namespace actbert::store
