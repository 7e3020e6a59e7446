#pragma once
// Wires the studio together: keyboard actions to the player and the timeline, the player's
// frames to the timeline's playhead and back, timeline edits to the project's journal (a
// temporary project's when none is open, so both modes share one set of rules), the video
// list to the thumbnail loader, menus to dialogs. It owns the engines and the window; each
// panel stays ignorant of the others.
// Threading: GUI thread only.

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "ui/player/framesource.h"
#include "ui/player/playerengine.h"
#include "ui/project/projectsession.h"

class QPoint;
class QSettings;

namespace actbert::ui {

class ImportExportFlow;
class MainWindow;
class PlayerPanel;
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
    const OverlayHandles& overlays() const { return overlays_; }

    // Opens the video in the player (adding it to the list); false with a message shown in
    // the status bar (and returned in `problem`) when it cannot be opened.
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

private:
    void wireActions();
    void wireWindowMenus();
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

    FrameSourceOpener opener_;
    QSettings& settings_;
    std::unique_ptr<PlayerEngine> player_;
    std::unique_ptr<StudioActions> actions_;
    std::unique_ptr<VideoListModel> videos_;
    std::unique_ptr<ThumbnailLoader> thumbnails_;
    PlayerPanel* player_panel_ = nullptr;    // owned by the window
    TimelineView* timeline_view_ = nullptr;  // owned by the window
    ProjectPanel* project_panel_ = nullptr;  // owned by the window
    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<ImportExportFlow> import_export_;  // after session_: goes first
    OverlayHandles overlays_;
};

}  // namespace actbert::ui
