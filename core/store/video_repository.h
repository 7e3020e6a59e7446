#pragma once
// Videos of a project: add, find, list, and record what probing the real file found.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store_types.h"

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

class VideoRepository {
public:
    VideoRepository(SqliteDatabase& database, ChangeNotifier& notifier);

    // Inserts `video` (its id is ignored) and returns the new id. Throws if the key exists.
    std::int64_t add(const Video& video);
    void update(const Video& video);
    std::optional<Video> find(std::int64_t id);
    std::optional<Video> findByKey(const std::string& key);
    Video get(std::int64_t id);  // throws actbert::Error when missing
    std::vector<Video> list();
    std::int64_t count();

    // Records the probed media facts; every item of the video gets its frame numbers
    // recomputed from its seconds, and whole-video items are stretched to the duration.
    void setMediaInfo(std::int64_t video_id, Rational fps, Rational time_base, double duration_s,
                      std::int64_t frame_count, const std::string& content_hash,
                      const std::string& frame_index_summary);

private:
    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
};

}  // namespace actbert::store
