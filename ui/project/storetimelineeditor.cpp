#include "ui/project/storetimelineeditor.h"

#include "core/common/error.h"
#include "core/store/edit_command.h"
#include "core/store/project.h"
#include "ui/project/storetimelinemodel.h"
#include "ui/timeline/timelineview.h"

namespace actbert::ui {

namespace {

const std::string kAuthor = "studio";

}  // namespace

StoreTimelineEditor::StoreTimelineEditor(store::Project& project, const StoreTimelineModel& model,
                                         QObject* parent)
    : QObject(parent), project_(project), model_(model) {}

template <typename Edit>
void StoreTimelineEditor::run(Edit&& edit) {
    try {
        edit();
    } catch (const actbert::Error& error) {
        Q_EMIT rejected(QString::fromStdString(error.what()));
    }
}

bool StoreTimelineEditor::undo() {
    bool done = false;
    run([&] { done = project_.journal().undo().has_value(); });
    return done;
}

bool StoreTimelineEditor::redo() {
    bool done = false;
    run([&] { done = project_.journal().redo().has_value(); });
    return done;
}

int StoreTimelineEditor::bulkAccept(int track_index, std::optional<double> min_confidence) {
    if (track_index < 0 || track_index >= model_.trackCount()) {
        Q_EMIT rejected(tr("No track selected to accept"));
        return -1;
    }
    // Counted here so an edit that would change nothing leaves no empty undo step; the
    // model mirrors the store (a confidence below 0 means none).
    int matching = 0;
    for (const TimelineItem& item : model_.items(track_index)) {
        if (item.review == ReviewState::Unreviewed &&
            (!min_confidence || (item.confidence >= 0 && item.confidence >= *min_confidence))) {
            ++matching;
        }
    }
    if (matching == 0) {
        return 0;
    }
    int accepted = -1;
    run([&] {
        project_.journal().apply(
            store::EditCommand::bulkAccept(model_.trackId(track_index), min_confidence), kAuthor);
        accepted = matching;
    });
    return accepted;
}

void StoreTimelineEditor::attach(TimelineView* view) {
    auto& journal = project_.journal();
    connect(view, &TimelineView::edgeMoveRequested, this,
            [this, &journal](int, std::int64_t id, Edge edge, std::int64_t frame) {
                run([&] {
                    // A drag released past a limit stops at it (the store's rule, as every rule).
                    journal.apply(store::EditCommand::dragBoundary(id, edge, frame), kAuthor);
                });
            });
    connect(view, &TimelineView::splitRequested, this,
            [this, &journal](int track, std::int64_t frame) {
                const int index = model_.indexAtFrame(track, frame);
                if (index < 0) {
                    Q_EMIT rejected(tr("Nothing to split at the playhead"));
                    return;
                }
                const std::int64_t id = model_.items(track)[static_cast<std::size_t>(index)].id;
                run([&] { journal.apply(store::EditCommand::split(id, frame), kAuthor); });
            });
    connect(view, &TimelineView::mergeRequested, this,
            [this, &journal](int track, std::int64_t id) {
                const int index = model_.indexOfItem(track, id);
                const auto& items = model_.items(track);
                if (index < 0 || index + 1 >= static_cast<int>(items.size())) {
                    Q_EMIT rejected(tr("No next item to merge with"));
                    return;
                }
                const std::int64_t next = items[static_cast<std::size_t>(index + 1)].id;
                run([&] { journal.apply(store::EditCommand::merge(id, next), kAuthor); });
            });
    connect(view, &TimelineView::deleteRequested, this, [this, &journal](int, std::int64_t id) {
        run([&] { journal.apply(store::EditCommand::remove(id), kAuthor); });
    });
    connect(
        view, &TimelineView::relabelRequested, this,
        [this, &journal](int track, std::int64_t id, const QString& label) {
            const QString text = label.trimmed();
            const int index = model_.indexOfItem(track, id);
            if (index >= 0 && model_.items(track)[static_cast<std::size_t>(index)].label == text) {
                Q_EMIT rejected(tr("The label is unchanged"));
                return;
            }
            // What the user typed is data; an empty label stays empty (shown as
            // unlabelled in the user's language).
            run([&] {
                journal.apply(store::EditCommand::relabel(id, text.toStdString()), kAuthor);
            });
        });
    connect(
        view, &TimelineView::reviewRequested, this,
        [this, &journal](int, std::int64_t id, ReviewState state) {
            run([&] { journal.apply(store::EditCommand::setReviewState({id}, state), kAuthor); });
        });
    connect(
        view, &TimelineView::createRequested, this,
        [this, &journal](int track, std::int64_t start, std::int64_t end, const QString& label) {
            if (track < 0 || track >= model_.trackCount()) {
                Q_EMIT rejected(tr("No track selected"));
                return;
            }
            const std::int64_t track_id = model_.trackId(track);
            // No label typed: the item is stored without one, never with a translated word.
            const std::string text = label.trimmed().toStdString();
            run([&] {
                journal.apply(store::EditCommand::create(track_id, start, end, text), kAuthor);
            });
        });
}

}  // namespace actbert::ui
