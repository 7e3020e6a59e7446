#include "ui/project/projectsession.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cmath>
#include <filesystem>

#include "core/common/error.h"
#include "core/store/project.h"
#include "ui/project/storetimelineeditor.h"
#include "ui/project/storetimelinemodel.h"

namespace actbert::ui {

ProjectSession::ProjectSession(const QString& path, ProjectOpenMode mode, QObject* parent)
    : QObject(parent), path_(path) {
    const std::filesystem::path file(path.toStdString());
    const bool exists = std::filesystem::exists(file);
    const auto store_mode =
        mode == ProjectOpenMode::CreateNew || (mode == ProjectOpenMode::OpenOrCreate && !exists)
            ? store::Project::OpenMode::CreateNew
            : store::Project::OpenMode::OpenExisting;
    project_ = std::make_unique<store::Project>(file, store_mode);
}

std::unique_ptr<ProjectSession> ProjectSession::temporary(QObject* parent) {
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                               QStringLiteral("/actbert-studio-XXXXXX"));
    if (!dir->isValid()) {
        throw Error("cannot create a temporary folder for the timeline under " +
                    QDir::tempPath().toStdString() + ": " + dir->errorString().toStdString());
    }
    auto session = std::make_unique<ProjectSession>(
        dir->filePath(QStringLiteral("no-project.actbert")), ProjectOpenMode::CreateNew, parent);
    session->temporary_dir_ = std::move(dir);
    return session;
}

ProjectSession::~ProjectSession() {
    // The editor and model listen to the project: they go first.
    editor_.reset();
    timeline_.reset();
    // The store closes its file before the temporary folder is removed.
    project_.reset();
}

QStringList ProjectSession::videoPaths() {
    QStringList paths;
    for (const store::Video& video : project_->videos().list()) {
        // Videos known only from imported annotations have no file: the list shows their key.
        paths.append(QString::fromStdString(video.path.empty() ? video.key : video.path));
    }
    return paths;
}

std::int64_t ProjectSession::ensureVideo(const QString& path, const VideoStreamInfo& info) {
    const std::string absolute = QFileInfo(path).absoluteFilePath().toStdString();
    for (const store::Video& video : project_->videos().list()) {
        if (video.path == absolute || video.path == path.toStdString()) {
            return video.id;
        }
    }
    store::Video video;
    video.key = QFileInfo(path).fileName().toStdString();
    video.path = absolute;
    video.duration_s = info.duration_s;
    // Frame rates are stored exactly; a measured rate is kept to the millihertz.
    video.fps = store::Rational{std::llround(info.frames_per_second * 1000.0), 1000};
    video.fps_assumed = false;
    video.time_base = store::Rational{1000, std::llround(info.frames_per_second * 1000.0)};
    video.frame_count = info.frame_count;
    // Keys are unique per project: two files with one name get the path as key.
    if (project_->videos().findByKey(video.key)) {
        video.key = absolute;
    }
    return project_->videos().add(video);
}

void ProjectSession::ensureDefaultTracks(std::int64_t video_id, std::int64_t frame_count) {
    if (!project_->tracks().forVideo(video_id).empty()) {
        return;
    }
    const store::Video video = project_->videos().get(video_id);
    auto transaction = project_->beginTransaction();
    store::Track segmentation;
    segmentation.video_id = video_id;
    // Language-neutral: the display translates (timelinetext.h), the store never holds a
    // word of the user's language it did not type.
    segmentation.name = std::string(store::toString(store::TrackKind::ActionSegmentation));
    segmentation.kind = store::TrackKind::ActionSegmentation;
    const std::int64_t segmentation_id = project_->tracks().add(segmentation);
    store::Item whole;
    whole.track_id = segmentation_id;
    whole.start_frame = 0;
    whole.end_frame = frame_count;
    whole.start_s = 0.0;
    whole.end_s = video.secondsAt(frame_count);
    project_->items().insert(whole);  // empty label: unlabelled
    for (const store::TrackKind kind : {store::TrackKind::Steps, store::TrackKind::Captions}) {
        store::Track track;
        track.video_id = video_id;
        track.name = std::string(store::toString(kind));
        track.kind = kind;
        project_->tracks().add(track);
    }
    transaction->commit();
}

std::vector<RegionBox> ProjectSession::regionsAt(std::int64_t frame) {
    if (!timeline_) {
        return {};
    }
    const std::uint64_t revision = project_->notifier().revision();
    if (frame == cached_frame_ && revision == cached_revision_) {
        return cached_regions_;
    }
    cached_regions_.clear();
    for (int t = 0; t < timeline_->trackCount(); ++t) {
        if (timeline_->track(t).kind != TrackKind::Regions) {
            continue;
        }
        for (const store::RegionBox& box :
             project_->regions().inFrames(timeline_->trackId(t), frame, frame + 1)) {
            cached_regions_.push_back(RegionBox{QRectF(box.x, box.y, box.width, box.height),
                                                QString::fromStdString(box.class_label),
                                                box.score.value_or(-1.0)});
        }
    }
    cached_frame_ = frame;
    cached_revision_ = revision;
    return cached_regions_;
}

StoreTimelineModel& ProjectSession::openTimeline(std::int64_t video_id,
                                                 const VideoStreamInfo& info) {
    editor_.reset();
    timeline_.reset();
    cached_frame_ = -1;
    ensureDefaultTracks(video_id, info.frame_count);
    timeline_ = std::make_unique<StoreTimelineModel>(*project_, video_id, info.frame_count,
                                                     info.frames_per_second);
    editor_ = std::make_unique<StoreTimelineEditor>(*project_, *timeline_);
    return *timeline_;
}

}  // namespace actbert::ui
