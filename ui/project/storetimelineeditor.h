#pragma once
// Maps the timeline's edit requests onto the project store's journaled edit commands, so
// every edit is on disk at once and undo/redo (the journal's) survive restarts. A boundary
// drag is one request on release, so it is one undo step.
// Threading: GUI thread only (with the Project).

#include <QObject>
#include <QString>

#include <optional>

namespace actbert::store {
class Project;
}

namespace actbert::ui {

class StoreTimelineModel;
class TimelineView;

class StoreTimelineEditor : public QObject {
    Q_OBJECT
public:
    // Both must outlive the editor.
    StoreTimelineEditor(store::Project& project, const StoreTimelineModel& model,
                        QObject* parent = nullptr);

    void attach(TimelineView* view);
    // Return false when there is nothing to undo / redo.
    bool undo();
    bool redo();
    // Accepts every unreviewed item of the track (only those at least `min_confidence` sure
    // when given) as one journaled edit, so one undo restores them all. Returns how many
    // were accepted (0: none matched, nothing journaled); -1 (with `rejected`) when the store
    // refuses the edit.
    int bulkAccept(int track_index, std::optional<double> min_confidence);

Q_SIGNALS:
    // The store refused an edit; the message says why.
    void rejected(const QString& reason);

private:
    template <typename Edit>
    void run(Edit&& edit);

    store::Project& project_;
    const StoreTimelineModel& model_;
};

}  // namespace actbert::ui
