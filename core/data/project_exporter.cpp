#include "core/data/project_exporter.h"

#include <algorithm>
#include <map>

#include "core/common/error.h"
#include "core/store/project.h"

namespace actbert::data {

AnnotationDocument ProjectExporter::collect(store::Project& project,
                                            const ExportSelection& selection,
                                            const ProgressFn& progress, const CancelToken& cancel) {
    std::vector<store::Video> videos;
    if (selection.video_keys.empty()) {
        videos = project.videos().list();
    } else {
        for (const auto& key : selection.video_keys) {
            auto video = project.videos().findByKey(key);
            if (!video) {
                throw Error(project.path().string() + ": no video '" + key + "' in the project");
            }
            videos.push_back(std::move(*video));
        }
    }
    AnnotationDocument document;
    document.source = project.path().string();
    for (std::size_t index = 0; index < videos.size(); ++index) {
        const store::Video& video = videos[index];
        reportProgress(progress, static_cast<double>(index) / static_cast<double>(videos.size()),
                       "collecting");
        cancel.throwIfCancelled();
        VideoRecord record;
        record.key = video.key;
        record.duration_s = video.duration_s;
        record.fps = video.fps;
        record.time_base = video.time_base;
        record.subset = video.subset;
        record.task_id = video.task_id;
        record.task_name = video.task_name;
        record.url = video.url;
        record.attributes = video.attributes;
        const auto tracks = project.tracks().forVideo(video.id);
        std::map<std::int64_t, std::string> track_names;
        for (const auto& track : tracks) {
            track_names.emplace(track.id, track.name);
        }
        for (const auto& track : tracks) {
            if (!selection.kinds.empty() && !selection.kinds.contains(track.kind)) {
                continue;
            }
            if (!selection.track_names.empty() &&
                std::find(selection.track_names.begin(), selection.track_names.end(), track.name) ==
                    selection.track_names.end()) {
                continue;
            }
            TrackRecord track_record;
            track_record.name = track.name;
            track_record.kind = track.kind;
            track_record.source = track.source;
            track_record.model_name = track.model_name;
            track_record.checkpoint_hash = track.checkpoint_hash;
            track_record.settings = track.settings;
            if (track.parent_track_id) {
                track_record.parent = track_names.at(*track.parent_track_id);
                track_record.constraint = track.parent_constraint;
            }
            for (const auto& item : project.items().forTrack(track.id)) {
                SegmentRecord segment;
                segment.start_s = item.start_s;
                segment.end_s = item.end_s;
                segment.start_frame = item.start_frame;
                segment.end_frame = item.end_frame;
                segment.whole_video = item.whole_video;
                segment.label = item.label;
                segment.label_id = item.label_id;
                segment.external_id = item.external_id;
                segment.confidence = item.confidence;
                segment.review_state = item.review_state;
                segment.author = item.author;
                segment.speaker = item.speaker;
                segment.parent_id = item.parent_ref;
                segment.chunks = item.word_times;
                track_record.segments.push_back(std::move(segment));
            }
            record.tracks.push_back(std::move(track_record));
        }
        if (!record.tracks.empty()) {
            document.videos.push_back(std::move(record));
        }
    }
    if (document.videos.empty()) {
        throw Error(project.path().string() +
                    ": nothing to export (no track matches the selection)");
    }
    for (const auto& dataset : project.catalog().datasets()) {
        for (auto& task : project.catalog().tasks(dataset)) {
            document.tasks.push_back(std::move(task));
        }
    }
    for (const auto& name : project.catalog().vocabularies()) {
        document.vocabularies.emplace_back(name, project.catalog().labels(name));
    }
    reportProgress(progress, 1.0, "collecting");
    return document;
}

}  // namespace actbert::data
