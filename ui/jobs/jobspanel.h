#pragma once
// The dockable Jobs panel: every job of the studio's runner (queued, running and the recent
// ended ones) with its progress, time left and last message; Cancel stops the selected job
// and the log below shows its lines. It only reads what the bridge delivers.
// Threading: GUI thread only.

#include <QDockWidget>

#include <map>

#include "core/jobs/job_status.h"

class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace actbert::ui {

class JobBridge;

class JobsPanel : public QDockWidget {
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        OwnerColumn,
        StateColumn,
        ProgressColumn,
        TimeLeftColumn,
        MessageColumn,
        ColumnCount
    };

    // `bridge` must outlive the panel.
    explicit JobsPanel(JobBridge& bridge, QWidget* parent = nullptr);

    // Rows shown now, one per job (tests).
    int jobCount() const;
    QTreeWidgetItem* rowOf(jobs::JobId id) const;
    QPushButton* cancelButton() const { return cancel_; }
    QPlainTextEdit* logView() const { return log_; }
    // Selects the job's row (its log is shown).
    void select(jobs::JobId id);

    // Translated names for the kinds the studio submits ("export" -> "Export").
    static QString kindTitle(const std::string& kind);
    static QString stateTitle(jobs::JobState state);

private:
    void update(const jobs::JobStatus& status);
    void showSelected();
    void cancelSelected();

    JobBridge& bridge_;
    QTreeWidget* list_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    std::map<jobs::JobId, jobs::JobStatus> jobs_;
    std::map<jobs::JobId, QTreeWidgetItem*> rows_;
};

}  // namespace actbert::ui
