#pragma once
// The project's videos as a list model: file name, full path, thumbnail, length. Thumbnails
// arrive later (made off the GUI thread) and fill in with dataChanged.
// Threading: GUI thread only.

#include <QAbstractListModel>
#include <QImage>
#include <QString>

#include <cstdint>
#include <vector>

namespace actbert::ui {

struct VideoEntry {
    QString path;
    QImage thumbnail;
    std::int64_t frame_count = -1;  // -1 until known
    double frames_per_second = 0.0;
    QString problem;  // why the video cannot be opened, empty when it can
};

class VideoListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1, FrameCountRole, ProblemRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Adds a video unless the path is already listed; returns its row.
    int addVideo(const QString& path);
    void clear();
    int rowOf(const QString& path) const;
    const VideoEntry& entry(int row) const { return entries_.at(static_cast<std::size_t>(row)); }
    void setDetails(const QString& path, const QImage& thumbnail, std::int64_t frame_count,
                    double frames_per_second, const QString& problem);

private:
    std::vector<VideoEntry> entries_;
};

}  // namespace actbert::ui
