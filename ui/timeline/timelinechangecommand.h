#pragma once
// An undoable TimelineChange on a MemoryTimelineModel, for Qt's undo stack.
// Threading: GUI thread only.

#include <QUndoCommand>

#include "ui/timeline/timelinechange.h"

namespace actbert::ui {

class MemoryTimelineModel;

class TimelineChangeCommand : public QUndoCommand {
public:
    TimelineChangeCommand(MemoryTimelineModel& model, TimelineChange change);

    void redo() override;
    void undo() override;

private:
    MemoryTimelineModel& model_;
    TimelineChange change_;
};

}  // namespace actbert::ui
