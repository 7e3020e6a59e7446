#include "ui/project/projectpanel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/project/thumbnailloader.h"
#include "ui/project/videolistmodel.h"

namespace actbert::ui {

ProjectPanel::ProjectPanel(VideoListModel& model, QWidget* parent) : QWidget(parent) {
    setAcceptDrops(true);
    list_ = new QListView(this);
    list_->setModel(&model);
    list_->setIconSize(
        QSize(ThumbnailLoader::kThumbnailWidthPx, ThumbnailLoader::kThumbnailWidthPx * 9 / 16));
    list_->setUniformItemSizes(true);
    list_->setAcceptDrops(false);  // drops land on the panel, which knows what to do with them
    auto* hint = new QLabel(tr("Drop videos here to add them"), this);
    hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(list_, 1);
    layout->addWidget(hint);
    connect(list_, &QListView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT videoActivated(index.data(VideoListModel::PathRole).toString());
    });
}

QStringList ProjectPanel::localFiles(const QMimeData* mime) {
    QStringList paths;
    if (mime == nullptr || !mime->hasUrls()) {
        return paths;
    }
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    return paths;
}

void ProjectPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void ProjectPanel::dropEvent(QDropEvent* event) {
    const QStringList paths = localFiles(event->mimeData());
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT videosDropped(paths);
    }
}

}  // namespace actbert::ui
