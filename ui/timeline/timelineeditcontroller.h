#pragma once
// Connects a TimelineView's edit requests to whatever keeps the project: the planner turns
// each request into a TimelineChange and the sink commits it (an undoable command on the
// project store, or on a memory model in tests and the demo). The adapter to a new backend
// is just another sink.
// Threading: GUI thread only.

#include <QObject>

#include <functional>

#include "ui/timeline/timelineeditplanner.h"

namespace actbert::ui {

class TimelineView;

class TimelineEditController : public QObject {
    Q_OBJECT
public:
    using ChangeSink = std::function<void(const TimelineChange& change)>;

    TimelineEditController(const TimelineModel& model, TimelineEditPlanner::IdAllocator allocate_id,
                           ChangeSink sink, QObject* parent = nullptr);

    // Routes the view's requests here; the view keeps working if the controller goes away.
    void attach(TimelineView* view);

Q_SIGNALS:
    // A request that changes nothing or is not possible; the text says why, for the status bar.
    void rejected(const QString& reason);

private:
    void submit(const std::optional<TimelineChange>& change, const QString& reason_if_none);

    TimelineEditPlanner planner_;
    ChangeSink sink_;
};

}  // namespace actbert::ui
