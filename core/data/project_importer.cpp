#include "core/data/project_importer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/data/format_support.h"
#include "core/store/project.h"

namespace actbert::data {
namespace {

store::Item makeItem(const SegmentRecord& segment, const store::Video& video,
                     std::int64_t track_id) {
    store::Item item;
    item.track_id = track_id;
    item.whole_video = segment.whole_video;
    if (segment.whole_video) {
        item.start_s = 0;
        item.end_s = video.duration_s;
    } else {
        item.start_s = segment.start_s;
        item.end_s = segment.end_s;
    }
    item.start_frame = segment.start_frame.value_or(video.frameAt(item.start_s));
    item.end_frame = segment.end_frame.value_or(video.frameAt(item.end_s));
    item.label = segment.label;
    item.label_id = segment.label_id;
    item.external_id = segment.external_id;
    item.confidence = segment.confidence;
    item.review_state = segment.review_state;
    item.author = segment.author;
    item.speaker = segment.speaker;
    item.parent_ref = segment.parent_id;
    item.word_times = segment.chunks;
    return item;
}

std::string where(const AnnotationDocument& document, const std::string& origin) {
    // Origins from readers already start with the file name when they are line-based.
    if (origin.starts_with(document.source) || origin.find(", line ") != std::string::npos ||
        origin.find(": at ") != std::string::npos) {
        return origin;
    }
    return document.source + ": at " + origin;
}

void checkPartition(const AnnotationDocument& document, const store::Video& video,
                    const TrackRecord& track, const std::vector<store::Item>& items) {
    for (std::size_t i = 1; i < items.size(); ++i) {
        if (items[i - 1].end_frame != items[i].start_frame) {
            throw Error(where(document, track.segments[i].origin) + ": action segmentation '" +
                        track.name + "' of video '" + video.key +
                        "' must be gap-free and non-overlapping (segment ends at frame " +
                        std::to_string(items[i - 1].end_frame) + ", next starts at " +
                        std::to_string(items[i].start_frame) + ")");
        }
    }
}

}  // namespace

ImportSummary ProjectImporter::run(store::Project& project, const AnnotationDocument& document,
                                   const ImportOptions& options, const ProgressFn& progress,
                                   const CancelToken& cancel) {
    ImportSummary summary;
    const std::size_t total = std::max<std::size_t>(1, document.segmentCount());
    std::size_t done = 0;
    std::size_t reported = 0;
    auto transaction = project.beginTransaction();
    for (const auto& task : document.tasks) {
        project.catalog().putTask(task);
        ++summary.tasks;
    }
    for (const auto& [name, labels] : document.vocabularies) {
        project.catalog().addLabels(name, labels);
    }
    for (const auto& record : document.videos) {
        cancel.throwIfCancelled();
        auto existing = project.videos().findByKey(record.key);
        store::Video video;
        if (existing) {
            video = *existing;
            bool changed = false;
            const auto fill = [&](std::string& field, const std::string& value) {
                if (field.empty() && !value.empty()) {
                    field = value;
                    changed = true;
                }
            };
            fill(video.subset, record.subset);
            fill(video.task_id, record.task_id);
            fill(video.task_name, record.task_name);
            fill(video.url, record.url);
            if (video.duration_s == 0 && record.duration_s > 0) {
                video.duration_s = record.duration_s;
                changed = true;
            }
            if (video.fps_assumed && record.fps) {
                video.fps = *record.fps;
                video.time_base = record.time_base.value_or(video.time_base);
                changed = true;
            }
            if (changed) {
                project.videos().update(video);
            }
            ++summary.videos_matched;
        } else {
            video.key = record.key;
            video.duration_s = record.duration_s;
            if (record.fps) {
                video.fps = *record.fps;
            }
            video.time_base =
                record.time_base.value_or(store::Rational{video.fps.den, video.fps.num});
            video.subset = record.subset;
            video.task_id = record.task_id;
            video.task_name = record.task_name;
            video.url = record.url;
            video.attributes = record.attributes;
            video.id = project.videos().add(video);
            ++summary.videos_added;
        }
        // Tier parents are linked once all of the video's tracks exist: a file may list a
        // dependent tier before its parent.
        std::map<std::string, std::int64_t> added_tracks;  // the file's track name -> id
        std::vector<std::pair<std::int64_t, const TrackRecord*>> dependent_tracks;
        for (const auto& track_record : record.tracks) {
            store::Track track;
            track.video_id = video.id;
            track.name = options.track_name.empty() ? track_record.name : options.track_name;
            track.kind = track_record.kind;
            track.source = track_record.source;
            track.model_name = track_record.model_name;
            track.checkpoint_hash = track_record.checkpoint_hash;
            track.settings = track_record.settings;
            if (existing && project.tracks().findByName(video.id, track.name)) {
                throw Error(document.source + ": video '" + video.key +
                            "' already has a track named '" + track.name +
                            "' (import under another name with --track NAME)");
            }
            std::vector<store::Item> items;
            items.reserve(track_record.segments.size());
            for (const auto& segment : track_record.segments) {
                if (!segment.whole_video) {
                    checkSegmentTimes(segment.start_s, segment.end_s, video.duration_s,
                                      where(document, segment.origin));
                }
                items.push_back(makeItem(segment, video, 0));
                if (items.back().end_frame < items.back().start_frame ||
                    items.back().start_frame < 0) {
                    throw Error(where(document, segment.origin) + ": invalid frame range");
                }
            }
            if (track.kind == store::TrackKind::ActionSegmentation) {
                checkPartition(document, video, track_record, items);
            }
            const std::int64_t track_id = project.tracks().add(track);
            ++summary.tracks_added;
            added_tracks.emplace(track_record.name, track_id);
            if (!track_record.parent.empty()) {
                dependent_tracks.emplace_back(track_id, &track_record);
            }
            for (auto& item : items) {
                item.track_id = track_id;
            }
            project.items().insertMany(items);
            done += items.size();
            if (done - reported >= 2048) {
                reported = done;
                cancel.throwIfCancelled();
                reportProgress(progress, static_cast<double>(done) / total, "importing");
            }
            summary.items_added += static_cast<std::int64_t>(items.size());
        }
        for (const auto& [track_id, track_record] : dependent_tracks) {
            // A parent the file names but does not hold leaves the track independent, as
            // the exporters treat it too.
            if (const auto parent = added_tracks.find(track_record->parent);
                parent != added_tracks.end() && parent->second != track_id) {
                project.tracks().setParent(track_id, parent->second, track_record->constraint);
            }
        }
    }
    cancel.throwIfCancelled();
    transaction->commit();
    reportProgress(progress, 1.0, "imported");
    return summary;
}

}  // namespace actbert::data
