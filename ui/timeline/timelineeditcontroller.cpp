#include "ui/timeline/timelineeditcontroller.h"

#include "core/common/error.h"
#include "ui/timeline/timelineview.h"

namespace actbert::ui {

TimelineEditController::TimelineEditController(const TimelineModel& model,
                                               TimelineEditPlanner::IdAllocator allocate_id,
                                               ChangeSink sink, QObject* parent)
    : QObject(parent), planner_(model, std::move(allocate_id)), sink_(std::move(sink)) {}

void TimelineEditController::submit(const std::optional<TimelineChange>& change,
                                    const QString& reason_if_none) {
    if (!change) {
        Q_EMIT rejected(reason_if_none);
        return;
    }
    try {
        sink_(*change);
    } catch (const actbert::Error& error) {
        Q_EMIT rejected(QString::fromStdString(error.what()));
    }
}

void TimelineEditController::attach(TimelineView* view) {
    connect(view, &TimelineView::edgeMoveRequested, this,
            [this](int track, std::int64_t id, ItemEdge edge, std::int64_t frame) {
                submit(planner_.moveEdge(track, id, edge, frame),
                       tr("The boundary cannot move there"));
            });
    connect(view, &TimelineView::splitRequested, this, [this](int track, std::int64_t frame) {
        submit(planner_.split(track, frame), tr("Nothing to split at the playhead"));
    });
    connect(view, &TimelineView::mergeRequested, this, [this](int track, std::int64_t id) {
        submit(planner_.mergeWithNext(track, id), tr("No next item to merge with"));
    });
    connect(view, &TimelineView::deleteRequested, this, [this](int track, std::int64_t id) {
        submit(planner_.remove(track, id), tr("Nothing to delete"));
    });
    connect(view, &TimelineView::relabelRequested, this,
            [this](int track, std::int64_t id, const QString& label) {
                submit(planner_.relabel(track, id, label), tr("The label is unchanged"));
            });
    connect(view, &TimelineView::reviewRequested, this,
            [this](int track, std::int64_t id, ReviewState state) {
                submit(planner_.review(track, id, state), tr("The item is already reviewed so"));
            });
    connect(view, &TimelineView::createRequested, this,
            [this](int track, std::int64_t start, std::int64_t end, const QString& label) {
                submit(planner_.create(track, start, end, label),
                       tr("Set an in point and an out point first"));
            });
}

}  // namespace actbert::ui
