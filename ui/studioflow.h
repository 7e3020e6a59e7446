#pragma once
// Wires the studio together: keyboard actions to the player and the timeline, the player's
// frames to the timeline's playhead and back, timeline edits to the project's journal (a
// temporary project's when none is open, so both modes share one set of rules), the video
// list to the thumbnail loader, menus to dialogs. It owns the job runner (background work,
// shown in the Jobs panel), the engines and the window; each panel stays ignorant of the
// others. Opening a video reads or builds its frame index as a job, never on the GUI thread.
// Threading: GUI thread only.

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "core/jobs/job_group.h"
#include "core/jobs/job_runner.h"
#include "ui/player/framesource.h"
#include "ui/player/playerengine.h"
#include "ui/project/projectsession.h"

class QPoint;
class QSettings;

namespace actbert::ui {

class ImportExportFlow;
class JobBridge;
class JobsPanel;
class MainWindow;
class PlayerPanel;
class ProxyJob;
class ProjectPanel;
class StudioActions;
class ThumbnailLoader;
class TimelineView;
class VideoListModel;

struct OverlayHandles {
    int regions = -1;
    int caption = -1;
    int step = -1;
};

class StudioFlow : public QObject {
    Q_OBJECT
public:
    // `settings` must outlive the flow.
    StudioFlow(FrameSourceOpener opener, QSettings& settings,
               AudioMode audio_mode = AudioMode::IfAvailable, QObject* parent = nullptr);
    ~StudioFlow() override;

    MainWindow* window() const { return window_.get(); }
    PlayerEngine& player() { return *player_; }
    PlayerPanel* playerPanel() const { return player_panel_; }
    TimelineView* timeline() const { return timeline_view_; }
    StudioActions& actions() { return *actions_; }
    VideoListModel& videos() { return *videos_; }
    ThumbnailLoader& thumbnails() { return *thumbnails_; }
    ImportExportFlow& importExport() { return *import_export_; }
    ProxyJob& proxies() { return *proxies_; }
    jobs::JobRunner& jobRunner() { return *runner_; }
    JobBridge& jobBridge() { return *bridge_; }
    JobsPanel* jobsPanel() const { return jobs_panel_; }
    const OverlayHandles& overlays() const { return overlays_; }

    // Opens the video in the player (adding it to the list) as a job: the file is indexed
    // (or its saved index read) off the GUI thread while the window shows a busy state, then
    // the player takes it. videoOpened tells the outcome; an open started meanwhile replaces
    // this one. A failure is shown in the status bar.
    void startOpenVideo(const QString& path);
    bool isOpeningVideo() const { return opening_ != 0; }
    // startOpenVideo, then waits for the outcome with the event loop running (the window
    // stays responsive): false with the message in `problem` when it cannot be opened. Not
    // for JobBridge handlers (their bridge delivers nothing while they run).
    bool openVideo(const QString& path, QString* problem = nullptr);
    void addVideos(const QStringList& paths);
    // Opens (or creates) a project: its videos fill the list, videos opened from now on are
    // added to it and their timelines are edited through its journal. False with the reason
    // in the status bar (and `problem`) when it cannot be opened.
    bool openProject(const QString& path, ProjectOpenMode mode, QString* problem = nullptr);
    // The open project, the temporary one of the no-project mode once a video was opened
    // (isTemporary()), or null.
    ProjectSession* session() const { return session_.get(); }
    // Accepts the unreviewed items of the timeline's current track (only those at least
    // `min_confidence` sure when given) as one undo step of the project; false with the
    // reason in the status bar (and `problem`) when there is no project timeline or the store
    // refuses it. The BulkAccept action asks for the threshold, then calls this.
    bool bulkAcceptCurrentTrack(std::optional<double> min_confidence, QString* problem = nullptr);
    // Saves a picture of the whole window; false when the file cannot be written.
    bool saveScreenshot(const QString& path) const;

Q_SIGNALS:
    // The end of startOpenVideo: `problem` is empty when the player shows the video.
    void videoOpened(const QString& path, const QString& problem);

private:
    void wireActions();
    void wireWindowMenus();
    // The GUI-thread half of an open: the source is ready (index built or read).
    QString showOpenedVideo(const QString& path, std::unique_ptr<FrameSource> source);
    void goToFramePrompt();
    void bulkAcceptPrompt();
    void showTrackHeaderMenu(const QPoint& position);
    // Lists the project's videos not listed yet (after opening it or an import).
    void refreshVideoList();
    void showSettings();
    void showStatus(const QString& message);
    void clearTimeline();
    void useProjectTimeline(std::int64_t video_id, const VideoStreamInfo& info);
    void rememberRecentProject(const QString& path);
    void refreshRecentMenu();
    void undo();
    void redo();

    // First: the runner outlives every JobGroup below (each waits for its jobs on the way out).
    std::unique_ptr<jobs::JobRunner> runner_;
    std::unique_ptr<JobBridge> bridge_;
    FrameSourceOpener opener_;
    QSettings& settings_;
    std::unique_ptr<PlayerEngine> player_;
    std::unique_ptr<StudioActions> actions_;
    std::unique_ptr<VideoListModel> videos_;
    std::unique_ptr<ThumbnailLoader> thumbnails_;
    PlayerPanel* player_panel_ = nullptr;    // owned by the window
    TimelineView* timeline_view_ = nullptr;  // owned by the window
    ProjectPanel* project_panel_ = nullptr;  // owned by the window
    JobsPanel* jobs_panel_ = nullptr;        // owned by the window
    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<ImportExportFlow> import_export_;  // after session_: goes first
    std::unique_ptr<ProxyJob> proxies_;                // the open video's scrub proxy
    OverlayHandles overlays_;
    jobs::JobId opening_ = 0;  // the open-video job, 0 when none
    // Last member: destroyed first, it cancels and waits for the open-video job.
    jobs::JobGroup jobs_;
};

}  // namespace actbert::ui
