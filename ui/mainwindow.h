#pragma once
// The studio's top-level window: lays out the panels (videos, player, timeline) and the
// menus, and forwards dropped files. It knows no player or project logic: StudioFlow wires
// the panels, actions and engines together.
// Threading: GUI thread only.

#include <QMainWindow>
#include <QStringList>

class QDockWidget;
class QMenu;
class QSplitter;

namespace actbert::ui {

class PlayerPanel;
class ProjectPanel;
class StudioActions;
class TimelineView;

// Window-level commands (the keyboard actions live in StudioActions).
struct WindowActions {
    QAction* new_project = nullptr;
    QAction* open_project = nullptr;
    QAction* open_video = nullptr;
    QAction* add_videos = nullptr;
    QAction* settings = nullptr;
    QAction* quit = nullptr;
    QAction* about = nullptr;
    QMenu* recent_menu = nullptr;
    QMenu* import_menu = nullptr;
    QMenu* export_menu = nullptr;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The panels are created by the caller (the flow) and re-parented here.
    MainWindow(ProjectPanel* project_panel, PlayerPanel* player_panel, TimelineView* timeline,
               StudioActions& actions, QWidget* parent = nullptr);

    const WindowActions& windowActions() const { return window_actions_; }
    // Docks a panel (the Jobs panel) in `area`; the View menu gets its show/hide toggle.
    void addPanel(QDockWidget* panel, Qt::DockWidgetArea area);

Q_SIGNALS:
    void filesDropped(const QStringList& paths);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus(StudioActions& actions);
    void showAbout();

    WindowActions window_actions_;
    QMenu* view_menu_ = nullptr;
};

}  // namespace actbert::ui
