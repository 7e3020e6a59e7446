#include "core/store/track_repository.h"

#include "core/common/error.h"
#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"

namespace actbert::store {
namespace {

const std::string kColumns =
    "id, video_id, name, kind, source, model_name, checkpoint_hash, settings, model_run_id, "
    "parent_track_id, parent_constraint";

Track readTrack(const Statement& row) {
    Track track;
    track.id = row.int64(0);
    track.video_id = row.int64(1);
    track.name = row.text(2);
    track.kind = parseTrackKind(row.text(3));
    track.source = parseTrackSource(row.text(4));
    track.model_name = row.text(5);
    track.checkpoint_hash = row.text(6);
    track.settings = row.text(7);
    if (!row.isNull(8)) {
        track.model_run_id = row.int64(8);
    }
    if (!row.isNull(9)) {
        track.parent_track_id = row.int64(9);
    }
    track.parent_constraint = row.text(10);
    return track;
}

}  // namespace

TrackRepository::TrackRepository(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {}

std::int64_t TrackRepository::add(const Track& track) {
    if (track.name.empty()) {
        throw Error(database_.path().string() + ": a track needs a name");
    }
    Statement insert = database_.prepare(
        "INSERT INTO tracks(video_id, name, kind, source, model_name, checkpoint_hash, settings, "
        "model_run_id, parent_track_id, parent_constraint) VALUES(?,?,?,?,?,?,?,?,?,?)");
    insert.bind(1, track.video_id)
        .bind(2, track.name)
        .bind(3, toString(track.kind))
        .bind(4, toString(track.source))
        .bind(5, track.model_name)
        .bind(6, track.checkpoint_hash)
        .bind(7, track.settings);
    if (track.model_run_id) {
        insert.bind(8, *track.model_run_id);
    }
    if (track.parent_track_id) {
        checkParent(track.video_id, *track.parent_track_id);
        insert.bind(9, *track.parent_track_id);
    }
    insert.bind(10, track.parent_constraint);
    try {
        insert.run();
    } catch (const Error&) {
        if (findByName(track.video_id, track.name)) {
            throw Error(database_.path().string() + ": video " + std::to_string(track.video_id) +
                        " already has a track named '" + track.name + "'");
        }
        throw;
    }
    notifier_.noteStructureChanged();
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
    return database_.lastInsertRowId();
}

void TrackRepository::setParent(std::int64_t track_id, std::optional<std::int64_t> parent_track_id,
                                const std::string& constraint) {
    const Track track = get(track_id);
    Statement statement =
        database_.prepare("UPDATE tracks SET parent_track_id=?, parent_constraint=? WHERE id=?");
    if (parent_track_id) {
        if (*parent_track_id == track_id) {
            throw Error(database_.path().string() + ": track '" + track.name +
                        "' cannot depend on itself");
        }
        checkParent(track.video_id, *parent_track_id);
        statement.bind(1, *parent_track_id);
    } else {
        statement.bindNull(1);
    }
    statement.bind(2, constraint).bind(3, track_id).run();
    notifier_.noteStructureChanged();
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
}

void TrackRepository::checkParent(std::int64_t video_id, std::int64_t parent_track_id) {
    const auto parent = find(parent_track_id);
    if (!parent || parent->video_id != video_id) {
        throw Error(database_.path().string() + ": parent track " +
                    std::to_string(parent_track_id) + " is no track of video " +
                    std::to_string(video_id));
    }
}

void TrackRepository::remove(std::int64_t track_id) {
    Statement statement = database_.prepare("DELETE FROM tracks WHERE id=?");
    statement.bind(1, track_id).run();
    notifier_.noteStructureChanged();
    notifier_.noteItemsChanged(track_id);
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
}

std::optional<Track> TrackRepository::find(std::int64_t id) {
    Statement query = database_.prepare("SELECT " + kColumns + " FROM tracks WHERE id=?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    Track track = readTrack(query);
    query.reset();
    return track;
}

std::optional<Track> TrackRepository::findByName(std::int64_t video_id, const std::string& name) {
    Statement query =
        database_.prepare("SELECT " + kColumns + " FROM tracks WHERE video_id=? AND name=?");
    query.bind(1, video_id).bind(2, name);
    if (!query.step()) {
        return std::nullopt;
    }
    Track track = readTrack(query);
    query.reset();
    return track;
}

Track TrackRepository::get(std::int64_t id) {
    auto track = find(id);
    if (!track) {
        throw Error(database_.path().string() + ": no track with id " + std::to_string(id));
    }
    return *track;
}

std::vector<Track> TrackRepository::forVideo(std::int64_t video_id) {
    Statement query =
        database_.prepare("SELECT " + kColumns + " FROM tracks WHERE video_id=? ORDER BY id");
    query.bind(1, video_id);
    std::vector<Track> tracks;
    while (query.step()) {
        tracks.push_back(readTrack(query));
    }
    return tracks;
}

std::vector<Track> TrackRepository::list() {
    Statement query = database_.prepare("SELECT " + kColumns + " FROM tracks ORDER BY id");
    std::vector<Track> tracks;
    while (query.step()) {
        tracks.push_back(readTrack(query));
    }
    return tracks;
}

std::map<TrackKind, std::pair<std::int64_t, std::int64_t>> TrackRepository::countsByKind() {
    Statement query = database_.prepare(
        "SELECT t.kind, count(DISTINCT t.id), count(i.id) FROM tracks t "
        "LEFT JOIN items i ON i.track_id = t.id GROUP BY t.kind");
    std::map<TrackKind, std::pair<std::int64_t, std::int64_t>> counts;
    while (query.step()) {
        counts[parseTrackKind(query.text(0))] = {query.int64(1), query.int64(2)};
    }
    return counts;
}

}  // namespace actbert::store
