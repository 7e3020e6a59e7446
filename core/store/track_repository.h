#pragma once
// Annotation tracks of a video: one per annotator, model run or imported file.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store_types.h"

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

class TrackRepository {
public:
    TrackRepository(SqliteDatabase& database, ChangeNotifier& notifier);

    // Inserts `track` (id ignored); throws if the video already has a track of that name.
    std::int64_t add(const Track& track);
    // Makes `parent_track_id` (a track of the same video; nullopt: none) the track this one
    // depends on, with ELAN's constraint naming how. Throws for another video's track or itself.
    void setParent(std::int64_t track_id, std::optional<std::int64_t> parent_track_id,
                   const std::string& constraint);
    // Its items go too, and tracks that depended on it become independent; not journaled.
    void remove(std::int64_t track_id);
    std::optional<Track> find(std::int64_t id);
    std::optional<Track> findByName(std::int64_t video_id, const std::string& name);
    Track get(std::int64_t id);  // throws actbert::Error when missing
    std::vector<Track> forVideo(std::int64_t video_id);
    std::vector<Track> list();
    // Number of tracks and items per kind, for summaries.
    std::map<TrackKind, std::pair<std::int64_t, std::int64_t>> countsByKind();

private:
    void checkParent(std::int64_t video_id, std::int64_t parent_track_id);

    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
};

}  // namespace actbert::store
