#include "core/store/edit_command.h"

namespace actbert::store {

EditCommand EditCommand::create(std::int64_t track_id, std::int64_t start_frame,
                                std::int64_t end_frame, std::string label, std::string label_id) {
    EditCommand command;
    command.type = Type::Create;
    command.track_id = track_id;
    command.start_frame = start_frame;
    command.end_frame = end_frame;
    command.label = std::move(label);
    command.label_id = std::move(label_id);
    return command;
}

EditCommand EditCommand::remove(std::int64_t item_id) {
    EditCommand command;
    command.type = Type::Delete;
    command.item_ids = {item_id};
    return command;
}

EditCommand EditCommand::moveBoundary(std::int64_t item_id, Edge edge, std::int64_t frame,
                                      std::string drag_session) {
    EditCommand command;
    command.type = Type::MoveBoundary;
    command.item_ids = {item_id};
    command.edge = edge;
    command.frame = frame;
    command.drag_session = std::move(drag_session);
    return command;
}

EditCommand EditCommand::dragBoundary(std::int64_t item_id, Edge edge, std::int64_t frame,
                                      std::string drag_session) {
    EditCommand command = moveBoundary(item_id, edge, frame, std::move(drag_session));
    command.stop_at_limits = true;
    return command;
}

EditCommand EditCommand::split(std::int64_t item_id, std::int64_t frame) {
    EditCommand command;
    command.type = Type::Split;
    command.item_ids = {item_id};
    command.frame = frame;
    return command;
}

EditCommand EditCommand::merge(std::int64_t first_item_id, std::int64_t second_item_id) {
    EditCommand command;
    command.type = Type::Merge;
    command.item_ids = {first_item_id, second_item_id};
    return command;
}

EditCommand EditCommand::relabel(std::int64_t item_id, std::string label, std::string label_id) {
    EditCommand command;
    command.type = Type::Relabel;
    command.item_ids = {item_id};
    command.label = std::move(label);
    command.label_id = std::move(label_id);
    return command;
}

EditCommand EditCommand::setReviewState(std::vector<std::int64_t> item_ids, ReviewState state) {
    EditCommand command;
    command.type = Type::SetReview;
    command.item_ids = std::move(item_ids);
    command.review_state = state;
    return command;
}

EditCommand EditCommand::bulkAccept(std::int64_t track_id, std::optional<double> min_confidence) {
    EditCommand command;
    command.type = Type::BulkAccept;
    command.track_id = track_id;
    command.min_confidence = min_confidence;
    return command;
}

std::string EditCommand::describe() const {
    const std::string first = item_ids.empty() ? std::string() : std::to_string(item_ids.front());
    switch (type) {
        case Type::Create:
            return "create '" + label + "' on track " + std::to_string(track_id) + " at frames " +
                   std::to_string(start_frame) + "-" + std::to_string(end_frame);
        case Type::Delete:
            return "delete item " + first;
        case Type::MoveBoundary:
            return std::string("move ") + (edge == Edge::Start ? "start" : "end") + " of item " +
                   first + " to frame " + std::to_string(frame);
        case Type::Split:
            return "split item " + first + " at frame " + std::to_string(frame);
        case Type::Merge:
            return "merge items " + first + " and " + std::to_string(item_ids.back());
        case Type::Relabel:
            return "relabel item " + first + " as '" + label + "'";
        case Type::SetReview:
            return "mark " + std::to_string(item_ids.size()) + " item(s) " +
                   std::string(toString(review_state));
        case Type::BulkAccept:
            return "accept unreviewed items of track " + std::to_string(track_id);
    }
    return "edit";
}

}  // namespace actbert::store
