#include "core/store/video_repository.h"

#include "core/common/error.h"
#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"
#include "core/store/transaction.h"

namespace actbert::store {
namespace {

const std::string kColumns =
    "id, key, path, content_hash, duration_s, fps_num, fps_den, fps_assumed, time_base_num, "
    "time_base_den, frame_count, frame_index_summary, subset, task_id, task_name, url, "
    "attributes";

Video readVideo(const Statement& row) {
    Video video;
    video.id = row.int64(0);
    video.key = row.text(1);
    video.path = row.text(2);
    video.content_hash = row.text(3);
    video.duration_s = row.real(4);
    video.fps = {row.int64(5), row.int64(6)};
    video.fps_assumed = row.int64(7) != 0;
    video.time_base = {row.int64(8), row.int64(9)};
    video.frame_count = row.int64(10);
    video.frame_index_summary = row.text(11);
    video.subset = row.text(12);
    video.task_id = row.text(13);
    video.task_name = row.text(14);
    video.url = row.text(15);
    video.attributes = row.text(16);
    return video;
}

void bindVideo(Statement& statement, const Video& video) {
    statement.bind(1, video.key)
        .bind(2, video.path)
        .bind(3, video.content_hash)
        .bind(4, video.duration_s)
        .bind(5, video.fps.num)
        .bind(6, video.fps.den)
        .bind(7, video.fps_assumed ? 1 : 0)
        .bind(8, video.time_base.num)
        .bind(9, video.time_base.den)
        .bind(10, video.frame_count)
        .bind(11, video.frame_index_summary)
        .bind(12, video.subset)
        .bind(13, video.task_id)
        .bind(14, video.task_name)
        .bind(15, video.url)
        .bind(16, video.attributes);
}

}  // namespace

VideoRepository::VideoRepository(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {}

std::int64_t VideoRepository::add(const Video& video) {
    if (video.key.empty()) {
        throw Error(database_.path().string() + ": a video needs a non-empty key");
    }
    Statement insert = database_.prepare(
        "INSERT INTO videos(key, path, content_hash, duration_s, fps_num, fps_den, fps_assumed, "
        "time_base_num, time_base_den, frame_count, frame_index_summary, subset, task_id, "
        "task_name, url, attributes) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindVideo(insert, video);
    try {
        insert.run();
    } catch (const Error&) {
        // The UNIQUE constraint does the check; the message should say it plainly.
        if (findByKey(video.key)) {
            throw Error(database_.path().string() + ": video '" + video.key + "' already exists");
        }
        throw;
    }
    notifier_.noteStructureChanged();
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
    return database_.lastInsertRowId();
}

void VideoRepository::update(const Video& video) {
    Statement statement = database_.prepare(
        "UPDATE videos SET key=?, path=?, content_hash=?, duration_s=?, fps_num=?, fps_den=?, "
        "fps_assumed=?, time_base_num=?, time_base_den=?, frame_count=?, frame_index_summary=?, "
        "subset=?, task_id=?, task_name=?, url=?, attributes=? WHERE id=?");
    bindVideo(statement, video);
    statement.bind(17, video.id);
    statement.run();
    notifier_.noteStructureChanged();
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
}

std::optional<Video> VideoRepository::find(std::int64_t id) {
    Statement query = database_.prepare("SELECT " + kColumns + " FROM videos WHERE id=?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    Video video = readVideo(query);
    query.reset();
    return video;
}

std::optional<Video> VideoRepository::findByKey(const std::string& key) {
    Statement query = database_.prepare("SELECT " + kColumns + " FROM videos WHERE key=?");
    query.bind(1, key);
    if (!query.step()) {
        return std::nullopt;
    }
    Video video = readVideo(query);
    query.reset();
    return video;
}

Video VideoRepository::get(std::int64_t id) {
    auto video = find(id);
    if (!video) {
        throw Error(database_.path().string() + ": no video with id " + std::to_string(id));
    }
    return *video;
}

std::vector<Video> VideoRepository::list() {
    Statement query = database_.prepare("SELECT " + kColumns + " FROM videos ORDER BY id");
    std::vector<Video> videos;
    while (query.step()) {
        videos.push_back(readVideo(query));
    }
    return videos;
}

std::int64_t VideoRepository::count() {
    return database_.queryInt64("SELECT count(*) FROM videos");
}

void VideoRepository::setMediaInfo(std::int64_t video_id, Rational fps, Rational time_base,
                                   double duration_s, std::int64_t frame_count,
                                   const std::string& content_hash,
                                   const std::string& frame_index_summary) {
    if (fps.num <= 0 || fps.den <= 0 || time_base.num <= 0 || time_base.den <= 0 ||
        duration_s < 0) {
        throw Error(database_.path().string() + ": invalid media info for video " +
                    std::to_string(video_id));
    }
    Transaction transaction(database_, notifier_);
    Video video = get(video_id);
    video.fps = fps;
    video.fps_assumed = false;
    video.time_base = time_base;
    video.duration_s = duration_s;
    video.frame_count = frame_count;
    video.content_hash = content_hash;
    video.frame_index_summary = frame_index_summary;
    update(video);
    Statement whole = database_.prepare(
        "UPDATE items SET end_s=? WHERE whole_video=1 AND track_id IN "
        "(SELECT id FROM tracks WHERE video_id=?)");
    whole.bind(1, duration_s).bind(2, video_id).run();
    // Seconds are what data sets give; frames follow the real frame rate.
    Statement frames = database_.prepare(
        "UPDATE items SET start_frame=CAST(round(start_s*?) AS INTEGER), "
        "end_frame=CAST(round(end_s*?) AS INTEGER) WHERE track_id IN "
        "(SELECT id FROM tracks WHERE video_id=?)");
    frames.bind(1, fps.value()).bind(2, fps.value()).bind(3, video_id).run();
    Statement tracks = database_.prepare("SELECT id FROM tracks WHERE video_id=?");
    tracks.bind(1, video_id);
    while (tracks.step()) {
        notifier_.noteItemsChanged(tracks.int64(0));
    }
    transaction.commit();
}

}  // namespace actbert::store
