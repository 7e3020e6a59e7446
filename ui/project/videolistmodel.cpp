#include "ui/project/videolistmodel.h"

#include <QFileInfo>
#include <QIcon>
#include <QPixmap>

namespace actbert::ui {

int VideoListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

Qt::ItemFlags VideoListModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) {
        return Qt::ItemIsDropEnabled;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant VideoListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const VideoEntry& video = entries_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole: {
            const QString name = QFileInfo(video.path).fileName();
            if (!video.problem.isEmpty()) {
                return tr("%1 (cannot open)").arg(name);
            }
            if (video.frame_count < 0) {
                return name;
            }
            return tr("%1\n%2 frames, %3 fps")
                .arg(name)
                .arg(video.frame_count)
                .arg(video.frames_per_second, 0, 'f', 2);
        }
        case Qt::ToolTipRole:
            return video.problem.isEmpty() ? video.path
                                           : video.path + QLatin1Char('\n') + video.problem;
        case Qt::DecorationRole:
            return video.thumbnail.isNull() ? QVariant()
                                            : QVariant(QIcon(QPixmap::fromImage(video.thumbnail)));
        case PathRole:
            return video.path;
        case FrameCountRole:
            return QVariant::fromValue<qlonglong>(video.frame_count);
        case ProblemRole:
            return video.problem;
        default:
            return {};
    }
}

int VideoListModel::addVideo(const QString& path) {
    const int existing = rowOf(path);
    if (existing >= 0) {
        return existing;
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    entries_.push_back(VideoEntry{path, {}, -1, 0.0, {}});
    endInsertRows();
    return row;
}

void VideoListModel::clear() {
    beginResetModel();
    entries_.clear();
    endResetModel();
}

int VideoListModel::rowOf(const QString& path) const {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].path == path) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void VideoListModel::setDetails(const QString& path, const QImage& thumbnail,
                                std::int64_t frame_count, double frames_per_second,
                                const QString& problem) {
    const int row = rowOf(path);
    if (row < 0) {
        return;
    }
    VideoEntry& video = entries_[static_cast<std::size_t>(row)];
    video.thumbnail = thumbnail;
    video.frame_count = frame_count;
    video.frames_per_second = frames_per_second;
    video.problem = problem;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

}  // namespace actbert::ui
