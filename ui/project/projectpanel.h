#pragma once
// The project's video list with thumbnails. Video files dropped on it (or on the window,
// which forwards them) are offered to the flow to add; activating one opens it.
// Threading: GUI thread only.

#include <QStringList>
#include <QWidget>

class QListView;
class QMimeData;

namespace actbert::ui {

class VideoListModel;

class ProjectPanel : public QWidget {
    Q_OBJECT
public:
    // The model must outlive the panel.
    explicit ProjectPanel(VideoListModel& model, QWidget* parent = nullptr);

    QListView* listView() const { return list_; }
    // Local files among dropped URLs (what a drop would add).
    static QStringList localFiles(const QMimeData* mime);

Q_SIGNALS:
    void videosDropped(const QStringList& paths);
    void videoActivated(const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QListView* list_ = nullptr;
};

}  // namespace actbert::ui
