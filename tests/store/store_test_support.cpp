#include "store_test_support.h"

namespace actbert::store::testing {

std::int64_t addProbedVideo(Project& project, const std::string& key, std::int64_t frame_count) {
    Video video;
    video.key = key;
    video.fps = {30, 1};
    video.fps_assumed = false;
    video.time_base = {1, 15360};
    video.frame_count = frame_count;
    video.duration_s = static_cast<double>(frame_count) / 30.0;
    return project.videos().add(video);
}

std::int64_t addPartitionTrack(Project& project, std::int64_t video_id,
                               const std::vector<std::int64_t>& boundaries) {
    Track track;
    track.video_id = video_id;
    track.name = "segmentation";
    track.kind = TrackKind::ActionSegmentation;
    track.source = TrackSource::Model;
    track.model_name = "actbert";
    const std::int64_t track_id = project.tracks().add(track);
    const Video video = project.videos().get(video_id);
    auto transaction = project.beginTransaction();
    for (std::size_t i = 0; i + 1 < boundaries.size(); ++i) {
        Item item;
        item.track_id = track_id;
        item.start_frame = boundaries[i];
        item.end_frame = boundaries[i + 1];
        item.start_s = video.secondsAt(boundaries[i]);
        item.end_s = video.secondsAt(boundaries[i + 1]);
        item.label = "a" + std::to_string(i);
        item.confidence = 0.5 + 0.1 * static_cast<double>(i % 5);
        project.items().insert(item);
    }
    transaction->commit();
    return track_id;
}

std::string partitionProblem(Project& project, std::int64_t track_id) {
    const auto items = project.items().forTrack(track_id);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].end_frame <= items[i].start_frame || items[i].end_s <= items[i].start_s) {
            return "item " + std::to_string(items[i].id) + " is empty";
        }
        if (i > 0 && (items[i - 1].end_frame != items[i].start_frame ||
                      items[i - 1].end_s != items[i].start_s)) {
            return "gap or overlap before item " + std::to_string(items[i].id);
        }
    }
    return {};
}

}  // namespace actbert::store::testing
