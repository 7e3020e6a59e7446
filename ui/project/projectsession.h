#pragma once
// An open project in the studio: the store's Project, its videos, and the timeline (model
// and edit adapter) of the video on screen. Videos opened or dropped while a project is
// open are added to it; a video without tracks gets the default ones (a segmentation that
// starts as one unlabelled segment, steps, captions), stored language-neutral: the tracks
// are named by their kind's stable name and the segment has an empty label.
// Without a project the studio uses a temporary session: a project file in a private
// temporary folder, removed with the session, so both modes edit through the same store
// rules and the same journal.
// Threading: GUI thread only.

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

#include "ui/overlays/regionoverlay.h"
#include "ui/player/framesource.h"

class QTemporaryDir;

namespace actbert::store {
class Project;
}

namespace actbert::ui {

class StoreTimelineEditor;
class StoreTimelineModel;

enum class ProjectOpenMode { OpenExisting, CreateNew, OpenOrCreate };

class ProjectSession : public QObject {
    Q_OBJECT
public:
    // Throws actbert::Error naming the file when it cannot be opened or created.
    ProjectSession(const QString& path, ProjectOpenMode mode, QObject* parent = nullptr);
    ~ProjectSession() override;
    // A new project in a private temporary folder (per-user temp); throws actbert::Error
    // when that folder cannot be made.
    static std::unique_ptr<ProjectSession> temporary(QObject* parent = nullptr);

    QString path() const { return path_; }
    // True for the session of the no-project mode (its file goes away with it).
    bool isTemporary() const { return temporary_dir_ != nullptr; }
    store::Project& project() { return *project_; }
    // The videos' files; the key (a data-set id) for videos imported without a file.
    QStringList videoPaths();
    // The project's id for the video at `path`, adding it (with `info`) when missing.
    std::int64_t ensureVideo(const QString& path, const VideoStreamInfo& info);
    // Loads the timeline of a video of the project, replacing the previous one.
    StoreTimelineModel& openTimeline(std::int64_t video_id, const VideoStreamInfo& info);
    StoreTimelineModel* timeline() const { return timeline_.get(); }
    StoreTimelineEditor* editor() const { return editor_.get(); }
    // Region boxes of the open video's regions tracks on `frame` (empty without a timeline).
    // The last answer is kept until the frame or the project changes, so repaints are free.
    std::vector<RegionBox> regionsAt(std::int64_t frame);

private:
    void ensureDefaultTracks(std::int64_t video_id, std::int64_t frame_count);

    std::unique_ptr<QTemporaryDir>
        temporary_dir_;  // set for a temporary session; outlives project_
    QString path_;
    std::unique_ptr<store::Project> project_;
    std::unique_ptr<StoreTimelineModel> timeline_;
    std::unique_ptr<StoreTimelineEditor> editor_;
    std::int64_t cached_frame_ = -1;
    std::uint64_t cached_revision_ = 0;
    std::vector<RegionBox> cached_regions_;
};

}  // namespace actbert::ui
