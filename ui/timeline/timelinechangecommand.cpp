#include "ui/timeline/timelinechangecommand.h"

#include "ui/timeline/memorytimelinemodel.h"

namespace actbert::ui {

TimelineChangeCommand::TimelineChangeCommand(MemoryTimelineModel& model, TimelineChange change)
    : QUndoCommand(change.description), model_(model), change_(std::move(change)) {}

void TimelineChangeCommand::redo() {
    model_.apply(change_, ChangeDirection::Forward);
}

void TimelineChangeCommand::undo() {
    model_.apply(change_, ChangeDirection::Backward);
}

}  // namespace actbert::ui
