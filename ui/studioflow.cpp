#include "ui/studioflow.h"

#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/store/project.h"

#include "ui/jobs/jobbridge.h"
#include "ui/jobs/jobspanel.h"
#include "ui/mainwindow.h"
#include "ui/overlays/regionoverlay.h"
#include "ui/overlays/tracktextoverlay.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerpanel.h"
#include "ui/player/proxyjob.h"
#include "ui/player/videoview.h"
#include "ui/project/importexportflow.h"
#include "ui/project/projectpanel.h"
#include "ui/project/storetimelineeditor.h"
#include "ui/project/storetimelinemodel.h"
#include "ui/project/thumbnailloader.h"
#include "ui/project/videolistmodel.h"
#include "ui/settings/settingsdialog.h"
#include "ui/settings/studioactions.h"
#include "ui/timeline/timelinegeometry.h"
#include "ui/timeline/timelinetext.h"
#include "ui/timeline/timelineview.h"

namespace actbert::ui {

namespace {

jobs::JobRunnerOptions studioRunnerOptions() {
    jobs::JobRunnerOptions options;
    // At least three CPU threads, so opening a video never waits behind an export and a
    // thumbnail even on a two-core machine (the jobs mostly wait for the disk).
    options.cpu_threads = std::max(3, static_cast<int>(std::thread::hardware_concurrency()) - 1);
    options.accelerator_lanes = 0;  // the studio runs no model jobs yet
    return options;
}

}  // namespace

StudioFlow::StudioFlow(FrameSourceOpener opener, QSettings& settings, AudioMode audio_mode,
                       QObject* parent)
    : QObject(parent),
      runner_(std::make_unique<jobs::JobRunner>(studioRunnerOptions())),
      bridge_(std::make_unique<JobBridge>(*runner_)),
      opener_(std::move(opener)),
      settings_(settings),
      player_(std::make_unique<PlayerEngine>(audio_mode)),
      actions_(std::make_unique<StudioActions>(settings)),
      videos_(std::make_unique<VideoListModel>()),
      thumbnails_(std::make_unique<ThumbnailLoader>(opener_, *bridge_)),
      jobs_(*runner_) {
    player_panel_ = new PlayerPanel(*player_);
    timeline_view_ = new TimelineView;
    project_panel_ = new ProjectPanel(*videos_);
    window_ =
        std::make_unique<MainWindow>(project_panel_, player_panel_, timeline_view_, *actions_);
    jobs_panel_ = new JobsPanel(*bridge_);
    window_->addPanel(jobs_panel_, Qt::BottomDockWidgetArea);
    proxies_ = std::make_unique<ProxyJob>(*bridge_, DecoderFrameSource::userCache(),
                                          ProxyJob::userProxyDir());
    // Only the proxy of the video opened last arrives (ProxyJob), and the player checks that
    // its frame count is the open video's.
    connect(proxies_.get(), &ProxyJob::proxyReady, this,
            [this](const QString&, std::shared_ptr<FrameSource> proxy) {
                player_->setScrubProxy(std::move(proxy));
            });

    VideoView* video = player_panel_->videoView();
    // Region boxes come from the open project's regions tracks; without a project there are
    // none to show.
    overlays_.regions =
        video->addOverlay(std::make_unique<RegionOverlay>([this](std::int64_t frame) {
            return session_ ? session_->regionsAt(frame) : std::vector<RegionBox>{};
        }));
    // Overlays read whichever model the timeline shows.
    const auto current_model = [this] { return timeline_view_->model(); };
    overlays_.caption = video->addOverlay(std::make_unique<TrackTextOverlay>(
        current_model, TrackKind::Captions, TextPlacement::BottomSubtitle));
    overlays_.step = video->addOverlay(std::make_unique<TrackTextOverlay>(
        current_model, TrackKind::Steps, TextPlacement::TopBadge));

    connect(player_.get(), &PlayerEngine::frameShown, timeline_view_,
            [this](const DecodedFrame& frame) { timeline_view_->setPlayheadFrame(frame.index); });
    connect(player_.get(), &PlayerEngine::errorOccurred, this, &StudioFlow::showStatus);
    connect(timeline_view_, &TimelineView::seekRequested, player_.get(), &PlayerEngine::seekFrame);
    connect(thumbnails_.get(), &ThumbnailLoader::ready, videos_.get(),
            [this](const QString& path, const QImage& thumbnail, qint64 frames, double fps,
                   const QString& problem) {
                videos_->setDetails(path, thumbnail, frames, fps, problem);
            });
    connect(project_panel_, &ProjectPanel::videosDropped, this, &StudioFlow::addVideos);
    connect(project_panel_, &ProjectPanel::videoActivated, this,
            [this](const QString& path) { startOpenVideo(path); });
    connect(window_.get(), &MainWindow::filesDropped, this, &StudioFlow::addVideos);
    wireActions();
    wireWindowMenus();
    showStatus(tr("No project open: timeline edits go to a temporary project and are not saved"));
    // Another connection (the CLI, a second studio) may change the project: look every second.
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this] {
        if (session_) {
            session_->project().pollExternalChanges();
        }
    });
    poll->start(1000);
}

StudioFlow::~StudioFlow() {
    player_->close();
    // Before the members go: an open still running hands its source to nobody.
    jobs_.cancelAndWait();
    clearTimeline();
}

void StudioFlow::showStatus(const QString& message) {
    window_->statusBar()->showMessage(message);
}

void StudioFlow::wireActions() {
    const auto on = [this](ActionId id, auto&& slot) {
        connect(actions_->action(id), &QAction::triggered, this, slot);
    };
    PlayerEngine* player = player_.get();
    TimelineView* timeline = timeline_view_;
    on(ActionId::PlayPause, [player] { player->togglePlay(); });
    on(ActionId::PlayReverse, [player] { player->playFaster(-1); });
    on(ActionId::Pause, [player] { player->pause(); });
    on(ActionId::PlayForward, [player] { player->playFaster(1); });
    on(ActionId::StepForward, [player] { player->stepFrames(1); });
    on(ActionId::StepBackward, [player] { player->stepFrames(-1); });
    const auto one_second = [player] {
        return std::max<std::int64_t>(1, std::llround(player->info().frames_per_second));
    };
    on(ActionId::JumpForward, [player, one_second] { player->stepFrames(one_second()); });
    on(ActionId::JumpBackward, [player, one_second] { player->stepFrames(-one_second()); });
    on(ActionId::SetIn, [timeline] { timeline->setInPoint(); });
    on(ActionId::SetOut, [timeline] { timeline->setOutPoint(); });
    on(ActionId::Split, [timeline] { timeline->splitAtPlayhead(); });
    on(ActionId::PreviousBoundary,
       [timeline] { timeline->seekToBoundary(SearchDirection::Backward); });
    on(ActionId::NextBoundary, [timeline] { timeline->seekToBoundary(SearchDirection::Forward); });
    on(ActionId::NextLowConfidence,
       [timeline] { timeline->selectLowConfidence(SearchDirection::Forward); });
    on(ActionId::PreviousLowConfidence,
       [timeline] { timeline->selectLowConfidence(SearchDirection::Backward); });
    on(ActionId::Merge, [timeline] { timeline->mergeSelectedWithNext(); });
    on(ActionId::Delete, [timeline] { timeline->deleteSelected(); });
    on(ActionId::Relabel, [timeline] { timeline->startRelabel(); });
    on(ActionId::Accept, [timeline] { timeline->acceptSelected(); });
    on(ActionId::Reject, [timeline] { timeline->rejectSelected(); });
    on(ActionId::BulkAccept, [this] { bulkAcceptPrompt(); });
    on(ActionId::CreateFromInOut, [timeline] { timeline->createFromInOut(); });
    on(ActionId::PreviousTrack,
       [timeline] { timeline->setCurrentTrack(timeline->currentTrack() - 1); });
    on(ActionId::NextTrack,
       [timeline] { timeline->setCurrentTrack(timeline->currentTrack() + 1); });
    on(ActionId::ZoomIn, [timeline] { timeline->zoomIn(); });
    on(ActionId::ZoomOut, [timeline] { timeline->zoomOut(); });
    on(ActionId::ZoomToFit, [timeline] { timeline->zoomToFit(); });
    on(ActionId::ZoomToFrames, [timeline] { timeline->zoomToFrames(); });
    on(ActionId::GoToFrame, [this] { goToFramePrompt(); });
    on(ActionId::Undo, [this] { undo(); });
    on(ActionId::Redo, [this] { redo(); });
    VideoView* video = player_panel_->videoView();
    const auto toggle = [this, video](ActionId id, int handle) {
        connect(actions_->action(id), &QAction::toggled, video,
                [video, handle](bool on) { video->setOverlayEnabled(handle, on); });
    };
    toggle(ActionId::ToggleRegions, overlays_.regions);
    toggle(ActionId::ToggleCaption, overlays_.caption);
    toggle(ActionId::ToggleStep, overlays_.step);
}

void StudioFlow::wireWindowMenus() {
    const WindowActions& menus = window_->windowActions();
    connect(menus.open_video, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            window_.get(), tr("Open video"), QString(),
            tr("Videos (*.mp4 *.mkv *.avi *.mov *.webm *.m4v);;All files (*)"));
        if (!path.isEmpty()) {
            startOpenVideo(path);
        }
    });
    connect(menus.add_videos, &QAction::triggered, this,
            [this] { addVideos(QFileDialog::getOpenFileNames(window_.get(), tr("Add videos"))); });
    connect(menus.settings, &QAction::triggered, this, &StudioFlow::showSettings);
    connect(menus.quit, &QAction::triggered, window_.get(), &QWidget::close);
    const QString filter = tr("ActBERT projects (*.actbert);;All files (*)");
    connect(menus.new_project, &QAction::triggered, this, [this, filter] {
        QString path =
            QFileDialog::getSaveFileName(window_.get(), tr("New project"), QString(), filter);
        if (!path.isEmpty()) {
            if (!path.endsWith(QStringLiteral(".actbert"))) {
                path += QStringLiteral(".actbert");
            }
            openProject(path, ProjectOpenMode::CreateNew);
        }
    });
    connect(menus.open_project, &QAction::triggered, this, [this, filter] {
        const QString path =
            QFileDialog::getOpenFileName(window_.get(), tr("Open project"), QString(), filter);
        if (!path.isEmpty()) {
            openProject(path, ProjectOpenMode::OpenExisting);
        }
    });
    import_export_ = std::make_unique<ImportExportFlow>(*bridge_, window_.get(), menus.import_menu,
                                                        menus.export_menu);
    connect(import_export_.get(), &ImportExportFlow::statusMessage, this, &StudioFlow::showStatus);
    // The timeline follows by itself (the store reports the import as an external change).
    connect(import_export_.get(), &ImportExportFlow::projectChanged, this,
            &StudioFlow::refreshVideoList);
    // Track headers offer the bulk accept of their track.
    QWidget* lanes = timeline_view_->viewport();
    lanes->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(lanes, &QWidget::customContextMenuRequested, this, &StudioFlow::showTrackHeaderMenu);
    refreshRecentMenu();
}

void StudioFlow::refreshRecentMenu() {
    QMenu* menu = window_->windowActions().recent_menu;
    menu->clear();
    const QStringList recent = settings_.value(QStringLiteral("recent_projects")).toStringList();
    for (const QString& path : recent) {
        connect(menu->addAction(path), &QAction::triggered, this,
                [this, path] { openProject(path, ProjectOpenMode::OpenExisting); });
    }
    menu->setEnabled(!recent.isEmpty());
}

void StudioFlow::rememberRecentProject(const QString& path) {
    QStringList recent = settings_.value(QStringLiteral("recent_projects")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8) {
        recent.removeLast();
    }
    settings_.setValue(QStringLiteral("recent_projects"), recent);
    refreshRecentMenu();
}

bool StudioFlow::openProject(const QString& path, ProjectOpenMode mode, QString* problem) {
    try {
        auto session = std::make_unique<ProjectSession>(path, mode);
        if (opening_ != 0) {
            // A video being opened belonged to the previous project (or none).
            bridge_->cancel(opening_);
            opening_ = 0;
            window_->unsetCursor();
        }
        proxies_->cancel();
        player_->close();
        clearTimeline();
        session_ = std::move(session);
        import_export_->setSession(session_.get());
        videos_->clear();
        refreshVideoList();
        rememberRecentProject(QFileInfo(path).absoluteFilePath());
        window_->setWindowTitle(tr("%1 - ActBERT Studio").arg(QFileInfo(path).fileName()));
        showStatus(tr("Project %1: every edit is saved at once").arg(path));
        return true;
    } catch (const std::exception& error) {
        const QString message =
            tr("Cannot open project %1: %2").arg(path, QString::fromStdString(error.what()));
        showStatus(message);
        if (problem != nullptr) {
            *problem = message;
        }
        return false;
    }
}

void StudioFlow::refreshVideoList() {
    if (!session_ || session_->isTemporary()) {
        return;
    }
    // The store keeps absolute paths; the list may hold the path as the user gave it.
    QSet<QString> listed;
    for (int row = 0; row < videos_->rowCount(); ++row) {
        listed.insert(QFileInfo(videos_->entry(row).path).absoluteFilePath());
    }
    for (const QString& video : session_->videoPaths()) {
        if (videos_->rowOf(video) >= 0 || listed.contains(QFileInfo(video).absoluteFilePath())) {
            continue;
        }
        videos_->addVideo(video);
        if (QFileInfo::exists(video)) {
            thumbnails_->request(video);
        } else {
            videos_->setDetails(video, {}, -1, 0.0,
                                tr("No video file: the project holds only its annotations"));
        }
    }
}

bool StudioFlow::bulkAcceptCurrentTrack(std::optional<double> min_confidence, QString* problem) {
    const auto fail = [&](const QString& message) {
        showStatus(message);
        if (problem != nullptr) {
            *problem = message;
        }
        return false;
    };
    if (!session_ || session_->editor() == nullptr) {
        return fail(tr("Bulk accept needs a video open"));
    }
    const int track = timeline_view_->currentTrack();
    QString reason;
    const auto connection = connect(session_->editor(), &StoreTimelineEditor::rejected, this,
                                    [&reason](const QString& why) { reason = why; });
    const int accepted = session_->editor()->bulkAccept(track, min_confidence);
    disconnect(connection);
    if (accepted < 0) {
        return fail(tr("Cannot accept: %1").arg(reason));
    }
    // The undo binding is remappable: name the one in force.
    const QString undo_keys =
        actions_->action(ActionId::Undo)->shortcut().toString(QKeySequence::NativeText);
    showStatus(accepted == 0
                   ? tr("No unreviewed items to accept on this track")
                   : tr("Accepted %n item(s): %1 undoes it", nullptr, accepted).arg(undo_keys));
    return true;
}

void StudioFlow::bulkAcceptPrompt() {
    const TimelineModel* model = timeline_view_->model();
    const int track = timeline_view_->currentTrack();
    if (!session_ || session_->editor() == nullptr || model == nullptr || track < 0 ||
        track >= model->trackCount()) {
        bulkAcceptCurrentTrack(std::nullopt);  // says why it cannot
        return;
    }
    bool ok = false;
    const double threshold = QInputDialog::getDouble(
        window_.get(), tr("Accept all unreviewed items"),
        tr("Accept the unreviewed items of track \"%1\" whose confidence is at least\n"
           "(0 accepts all of them, also those without a confidence):")
            .arg(displayTrackName(model->track(track))),
        0.0, 0.0, 1.0, 2, &ok);
    if (ok) {
        bulkAcceptCurrentTrack(threshold > 0.0 ? std::optional<double>(threshold) : std::nullopt);
    }
}

void StudioFlow::showTrackHeaderMenu(const QPoint& position) {
    const TimelineModel* model = timeline_view_->model();
    const int track = TimelineGeometry{}.trackAtY(position.y());
    if (position.x() >= TimelineGeometry::kHeaderWidthPx || model == nullptr || track < 0 ||
        track >= model->trackCount()) {
        return;
    }
    timeline_view_->setCurrentTrack(track);
    QMenu menu;
    menu.addAction(actions_->action(ActionId::BulkAccept));
    menu.exec(timeline_view_->viewport()->mapToGlobal(position));
}

void StudioFlow::clearTimeline() {
    // The view and the overlays must stop reading a model before its session goes.
    timeline_view_->setModel(nullptr);
}

void StudioFlow::useProjectTimeline(std::int64_t video_id, const VideoStreamInfo& info) {
    // openTimeline frees the previous video's model: the view must let go of it first, or
    // it would disconnect from a freed object (opening a second video crashed).
    clearTimeline();
    StoreTimelineModel& model = session_->openTimeline(video_id, info);
    timeline_view_->setModel(&model);
    session_->editor()->attach(timeline_view_);
    connect(session_->editor(), &StoreTimelineEditor::rejected, this, &StudioFlow::showStatus);
    // Edits change captions and steps: repaint the overlays.
    connect(&model, &TimelineModel::itemsChanged, player_panel_->videoView(),
            qOverload<>(&QWidget::update));
}

void StudioFlow::undo() {
    if (session_ && session_->editor() != nullptr) {
        session_->editor()->undo();
    }
}

void StudioFlow::redo() {
    if (session_ && session_->editor() != nullptr) {
        session_->editor()->redo();
    }
}

void StudioFlow::startOpenVideo(const QString& path) {
    // The slow part (reading the file's frame index, or scanning the file to build and save
    // it) runs on the runner; the GUI thread only takes the ready source.
    struct Opened {
        std::unique_ptr<FrameSource> source;
        QString problem;
    };
    auto result = std::make_shared<Opened>();
    jobs::JobSpec spec;
    spec.kind = "open-video";
    spec.owner = "player";  // one player: a newer open replaces a running one
    spec.work = [result, opener = opener_, path](const jobs::JobCallbacks& callbacks) {
        callbacks.report("open", path.toStdString(), 0.0);
        try {
            result->source = opener(path);
        } catch (const std::exception& error) {
            result->problem =
                tr("Cannot open %1: %2").arg(path, QString::fromStdString(error.what()));
            throw;
        }
        if (const QString warning = result->source->openWarning(); !warning.isEmpty()) {
            callbacks.logLine(warning.toStdString());
        }
        callbacks.throwIfCancelled();
    };
    window_->setCursor(Qt::BusyCursor);
    showStatus(tr("Opening %1: reading its frame index...").arg(path));
    opening_ = bridge_->submit(jobs_, std::move(spec), this,
                               [this, result, path](const jobs::JobStatus& status) {
                                   if (!status.isEnded()) {
                                       return;
                                   }
                                   // Not current: replaced by a newer open or a project
                                   // change, even if it finished meanwhile.
                                   const bool current = opening_ == status.id;
                                   if (current) {
                                       opening_ = 0;
                                       window_->unsetCursor();
                                   }
                                   QString problem = result->problem;
                                   if (status.state == jobs::JobState::Finished && current) {
                                       problem = showOpenedVideo(path, std::move(result->source));
                                   } else if (problem.isEmpty()) {
                                       problem = tr("Opening %1 was cancelled").arg(path);
                                   }
                                   if (!problem.isEmpty()) {
                                       showStatus(problem);
                                   }
                                   Q_EMIT videoOpened(path, problem);
                               });
}

bool StudioFlow::openVideo(const QString& path, QString* problem) {
    QEventLoop loop;
    std::optional<QString> outcome;
    const auto connection = connect(this, &StudioFlow::videoOpened, &loop,
                                    [&](const QString& opened, const QString& why) {
                                        if (opened == path) {
                                            outcome = why;
                                            loop.quit();
                                        }
                                    });
    startOpenVideo(path);
    if (!outcome) {
        loop.exec();
    }
    disconnect(connection);
    if (problem != nullptr) {
        *problem = *outcome;
    }
    return outcome->isEmpty();
}

QString StudioFlow::showOpenedVideo(const QString& path, std::unique_ptr<FrameSource> source) {
    proxies_->cancel();  // the previous video's, which must not reach this one
    try {
        const VideoStreamInfo info = source->info();
        const QString warning = source->openWarning();
        // Copied before the player takes the source: the proxy job needs the frame index.
        std::optional<video::FrameIndex> index;
        if (const auto* decoded = dynamic_cast<const DecoderFrameSource*>(source.get())) {
            index = decoded->frameIndex();
        }
        if (!session_) {
            // No project: the same store, rules and journal, in a temporary project.
            session_ = ProjectSession::temporary();
        }
        // Added before the player takes the file, so a refused video changes nothing.
        const std::int64_t video_id = session_->ensureVideo(path, info);
        player_->open(std::move(source));
        useProjectTimeline(video_id, info);
        if (index) {
            proxies_->start(path, *index);
        } else {
            proxies_->cancel();  // a generated source: nothing to seek in
        }
        videos_->addVideo(path);
        // After the open: the thumbnail reads the index the open just saved.
        thumbnails_->request(path);
        window_->setWindowTitle(tr("%1 - ActBERT Studio").arg(QFileInfo(path).fileName()));
        showStatus(warning.isEmpty() ? tr("Opened %1").arg(path) : warning);
        return {};
    } catch (const std::exception& error) {
        return tr("Cannot open %1: %2").arg(path, QString::fromStdString(error.what()));
    }
}

void StudioFlow::addVideos(const QStringList& paths) {
    for (const QString& path : paths) {
        videos_->addVideo(path);
        thumbnails_->request(path);
    }
    // In a project, a dropped video becomes part of it when first opened (its length must be
    // known to store it); the list shows it at once.
    if (!player_->isOpen() && !isOpeningVideo() && !paths.isEmpty()) {
        startOpenVideo(paths.front());
    }
}

bool StudioFlow::saveScreenshot(const QString& path) const {
    return window_->grab().save(path);
}

void StudioFlow::goToFramePrompt() {
    if (!player_->isOpen()) {
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getText(
        window_.get(), tr("Go to"), tr("Frame number, or time in seconds ending in s (12.5s):"),
        QLineEdit::Normal, QString::number(player_->currentFrame().index), &ok);
    if (!ok) {
        return;
    }
    const QString trimmed = text.trimmed();
    if (trimmed.endsWith(QLatin1Char('s'))) {
        const double time_s = trimmed.chopped(1).toDouble(&ok);
        if (ok) {
            player_->seekTime(time_s);
        }
    } else {
        const qlonglong frame = trimmed.toLongLong(&ok);
        if (ok) {
            player_->seekFrame(frame);
        }
    }
    if (!ok) {
        showStatus(tr("Not a frame number or a time: %1").arg(trimmed));
    }
}

void StudioFlow::showSettings() {
    SettingsDialog dialog(*actions_, settings_, window_.get());
    dialog.exec();
}

}  // namespace actbert::ui
