#include "ui/mainwindow.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>

#include "ui/player/playerpanel.h"
#include "ui/project/projectpanel.h"
#include "ui/settings/studioactions.h"
#include "ui/timeline/timelineview.h"

namespace actbert::ui {

MainWindow::MainWindow(ProjectPanel* project_panel, PlayerPanel* player_panel,
                       TimelineView* timeline, StudioActions& actions, QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("ActBERT Studio"));
    setAcceptDrops(true);
    resize(1280, 800);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(player_panel);
    splitter->addWidget(timeline);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
    auto* dock = new QDockWidget(tr("Videos"), this);
    dock->setObjectName(QStringLiteral("videos"));
    dock->setWidget(project_panel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    actions.addTo(this);
    buildMenus(actions);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::buildMenus(StudioActions& actions) {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    window_actions_.new_project = file->addAction(tr("&New project..."));
    window_actions_.new_project->setShortcut(QKeySequence::New);
    window_actions_.open_project = file->addAction(tr("&Open project..."));
    window_actions_.open_project->setShortcut(QKeySequence::Open);
    window_actions_.recent_menu = file->addMenu(tr("Recent projects"));
    file->addSeparator();
    window_actions_.open_video = file->addAction(tr("Open &video..."));
    window_actions_.add_videos = file->addAction(tr("&Add videos to project..."));
    file->addSeparator();
    window_actions_.import_menu = file->addMenu(tr("&Import"));
    window_actions_.export_menu = file->addMenu(tr("&Export"));
    file->addSeparator();
    window_actions_.quit = file->addAction(tr("&Quit"));
    window_actions_.quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    for (const ActionId id :
         {ActionId::Undo, ActionId::Redo, ActionId::Split, ActionId::Merge, ActionId::Delete,
          ActionId::Relabel, ActionId::Accept, ActionId::Reject, ActionId::BulkAccept,
          ActionId::CreateFromInOut, ActionId::SetIn, ActionId::SetOut, ActionId::NextLowConfidence,
          ActionId::PreviousLowConfidence}) {
        edit->addAction(actions.action(id));
    }
    edit->addSeparator();
    window_actions_.settings = edit->addAction(tr("&Settings..."));
    window_actions_.settings->setShortcut(QKeySequence::Preferences);

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    for (const ActionId id :
         {ActionId::PlayPause, ActionId::PlayReverse, ActionId::Pause, ActionId::PlayForward,
          ActionId::StepBackward, ActionId::StepForward, ActionId::JumpBackward,
          ActionId::JumpForward, ActionId::PreviousBoundary, ActionId::NextBoundary,
          ActionId::GoToFrame}) {
        playback->addAction(actions.action(id));
    }
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view_menu_ = view;
    for (const ActionId id :
         {ActionId::ToggleRegions, ActionId::ToggleCaption, ActionId::ToggleStep, ActionId::ZoomIn,
          ActionId::ZoomOut, ActionId::ZoomToFit, ActionId::ZoomToFrames, ActionId::PreviousTrack,
          ActionId::NextTrack}) {
        view->addAction(actions.action(id));
    }
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    window_actions_.about = help->addAction(tr("&About ActBERT Studio"));
    window_actions_.about->setMenuRole(QAction::AboutRole);
    connect(window_actions_.about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::addPanel(QDockWidget* panel, Qt::DockWidgetArea area) {
    addDockWidget(area, panel);
    view_menu_->addSeparator();
    view_menu_->addAction(panel->toggleViewAction());
}

void MainWindow::showAbout() {
    // The application's version text is set by main() from the build (product version,
    // LibTorch version and CUDA availability), so the widgets need no model code.
    const QString build = QCoreApplication::applicationVersion().toHtmlEscaped().replace(
        QLatin1Char('\n'), QStringLiteral("<br>"));
    QMessageBox::about(this, tr("About ActBERT Studio"),
                       tr("<h3>ActBERT Studio</h3><p>Understand instructional videos with ActBERT "
                          "(Zhu &amp; Yang, CVPR 2020).</p><p>%1<br>Qt %2</p>")
                           .arg(build, QString::fromLatin1(qVersion())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!ProjectPanel::localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList paths = ProjectPanel::localFiles(event->mimeData());
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT filesDropped(paths);
    }
}

}  // namespace actbert::ui
