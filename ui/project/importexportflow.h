#pragma once
// The studio's File > Import and File > Export menus: one entry per format core/data knows
// (the same names as `actbert import/export`). Import reads the files and writes them into
// the project as a job on the studio's runner (listed in the Jobs panel) with its own
// connection to the project file, behind a progress dialog whose Cancel stops it; core/data
// imports in one transaction, so an error or a cancel leaves the project as it was. Export
// also runs as a job with its own connection behind a cancellable progress dialog; core/data
// writes files atomically, so a failed or cancelled export leaves no file (and an existing
// one untouched).
// File > Import > Subtitles from video lists the text subtitle streams inside the video on
// screen (language, title, codec) each time it opens; choosing one imports it as a captions
// track through core/data's EmbeddedSubtitles, as `actbert import subtitles` does, on the
// same runner and behind the same dialog as the file imports.
// File dialogs and message boxes are injectable so tests drive the real flow without them.
// Threading: GUI thread only; the job reports back through the JobBridge.

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/jobs/job_group.h"

class QMenu;
class QProgressDialog;
class QWidget;

namespace actbert::ui {

class JobBridge;
class ProjectSession;

enum class TransferDirection { Import, Export };

// One format of core/data's AnnotationFormats, as the menus offer it.
struct AnnotationFormatEntry {
    std::string name;        // core/data's name ("youcook2")
    const char* title;       // untranslated menu text (core/data's, English)
    const char* patterns;    // file dialog patterns ("*.json")
    bool exports_to_folder;  // crosstask writes a folder of files
};

struct ImportOutcome {
    enum class Status { Imported, Failed, Cancelled } status = Status::Failed;
    QString message;  // the summary, or the error naming the file and the problem
    std::int64_t videos_added = 0;
    std::int64_t tracks_added = 0;
    std::int64_t items_added = 0;
};

struct ExportOutcome {
    enum class Status { Exported, Failed, Cancelled } status = Status::Failed;
    QString message;  // the summary, or the error naming the file and the problem
    QString path;     // the file (or crosstask folder) written to
    std::int64_t videos_exported = 0;
    std::int64_t items_exported = 0;
};

class ImportExportFlow : public QObject {
    Q_OBJECT
public:
    // Returns the chosen paths (empty: the user cancelled).
    using PathProvider =
        std::function<QStringList(TransferDirection, const AnnotationFormatEntry& format)>;
    // Shows an error to the user.
    using ErrorSink = std::function<void(const QString& message)>;

    // The bridge (and its runner), the menus and `dialog_parent` must outlive the flow.
    ImportExportFlow(JobBridge& jobs, QWidget* dialog_parent, QMenu* import_menu,
                     QMenu* export_menu, QObject* parent = nullptr);
    // Cancels a running import or export and waits for its job (the JobGroup member does).
    ~ImportExportFlow() override;

    static const std::vector<AnnotationFormatEntry>& formats();
    // The entry's title in the user's language.
    static QString formatTitle(const AnnotationFormatEntry& format);

    // The project imports go to and exports come from; nullptr disables both menus (they
    // then say why). The session must outlive the flow or be replaced first.
    void setSession(ProjectSession* session);
    void setPathProvider(PathProvider provider) { path_provider_ = std::move(provider); }
    void setErrorSink(ErrorSink sink) { error_sink_ = std::move(sink); }
    // Also called on the job's thread for every progress report (tests hold the job at a
    // known point); must be thread-safe. A running job keeps the listener it started with.
    void setProgressListener(ProgressFn listener) { progress_listener_ = std::move(listener); }

    // What the menu entries call: ask for paths, then import or export.
    void requestImport(const std::string& format);
    void requestExport(const std::string& format);

    // Starts importing `paths` in `format`; false (with the reason shown) when no project is
    // open, another import or export runs, or nothing was given. The outcome comes with
    // importFinished.
    bool startImport(const std::string& format, const QStringList& paths);
    // Starts importing the subtitle stream `stream_index` of the video on screen as a
    // captions track; false (with the reason shown) as startImport, or when no video is open.
    // The outcome comes with importFinished.
    bool startSubtitleImport(int stream_index);
    // File > Import > Subtitles from video; its entries (data: the stream number) are built
    // when it is about to show, or by rebuildSubtitleMenu().
    QMenu* subtitleMenu() const { return subtitle_menu_; }
    void rebuildSubtitleMenu();
    bool isImporting() const { return job_ != 0 && running_ == TransferDirection::Import; }
    void cancelImport() { cancelTransfer(); }
    // Starts writing every track of the format's default kinds (as `actbert export` does) to
    // `path`; false (with the reason shown) when no project is open or another import or
    // export runs. The outcome (errors shown too) comes with exportFinished.
    bool exportTo(const std::string& format, const QString& path);
    bool isExporting() const { return job_ != 0 && running_ == TransferDirection::Export; }
    void cancelExport() { cancelTransfer(); }
    // Cancels a running import or export and blocks until its job has ended (its outcome
    // still comes, queued). Tests call it before the state their listener uses goes away.
    void cancelAndWait();

Q_SIGNALS:
    // The project has new videos or tracks (an import committed).
    void projectChanged();
    void importFinished(const actbert::ui::ImportOutcome& outcome);
    void exportFinished(const actbert::ui::ExportOutcome& outcome);
    // A line for the status bar.
    void statusMessage(const QString& message);

private:
    void rebuildMenus();
    // Runs `work` (on the job's thread) as the running import, `what` naming it in messages.
    using ImportWork = std::function<ImportOutcome(const ProgressFn&, const CancelToken&)>;
    bool submitImport(const QString& what, ImportWork work);
    // The file of the video on screen; empty (with `why` set) when there is none.
    QString currentVideoPath(QString* why) const;
    // Refuses (with the reason shown) when a transfer runs; else opens the progress dialog.
    bool beginTransfer(TransferDirection direction, const QString& label);
    void cancelTransfer();
    void endTransfer();
    void finishImport(const ImportOutcome& outcome);
    void finishExport(const ExportOutcome& outcome);
    void showProgress(double fraction, const QString& message);
    void showError(const QString& message);
    QStringList askPaths(TransferDirection direction, const AnnotationFormatEntry& format);
    std::string currentVideoKey() const;

    QWidget* dialog_parent_;
    QMenu* import_menu_;
    QMenu* export_menu_;
    QMenu* subtitle_menu_;  // a child of import_menu_, re-added whenever that is rebuilt
    ProjectSession* session_ = nullptr;
    PathProvider path_provider_;
    ErrorSink error_sink_;
    ProgressFn progress_listener_;
    JobBridge& bridge_;
    jobs::JobId job_ = 0;  // the running import or export; 0 when none
    TransferDirection running_ = TransferDirection::Import;
    QPointer<QProgressDialog> progress_dialog_;
    // Last member: destroyed first, it cancels and waits for the jobs, whose callbacks use
    // the members above (the export job once reported progress after its owner was freed).
    jobs::JobGroup jobs_;
};

}  // namespace actbert::ui
