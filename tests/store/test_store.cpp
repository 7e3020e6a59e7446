// Tests of the project store: schema and migrations, repositories, journaled edits with
// undo/redo (also across reopen), partition invariants, window queries, change notices,
// threads, and crash safety under SIGKILL.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "core/common/error.h"
#include "core/store/change_set.h"
#include "core/store/project.h"
#include "core/store/schema.h"
#include "core/store/sqlite_database.h"
#include "store_test_support.h"

using namespace actbert::store;
using namespace actbert::store::testing;

namespace {

std::filesystem::path projectPath(const QTemporaryDir& dir, const char* name = "p.actbert") {
    return dir.filePath(QString::fromUtf8(name)).toStdString();
}

bool messageContains(const std::exception& error, const std::string& text) {
    return std::string(error.what()).find(text) != std::string::npos;
}

// Runs `command`, checks the partition, undoes (expecting the exact prior rows), redoes
// (expecting the exact edited rows). Returns the rows after the edit.
std::vector<Item> editUndoRedo(Project& project, std::int64_t track_id,
                               const EditCommand& command) {
    const auto before = project.items().forTrack(track_id);
    project.journal().apply(command, "tester");
    const auto after = project.items().forTrack(track_id);
    if (const auto problem = partitionProblem(project, track_id); !problem.empty()) {
        throw std::runtime_error("after " + command.describe() + ": " + problem);
    }
    if (after == before) {
        throw std::runtime_error(command.describe() + " changed nothing");
    }
    project.journal().undo();
    if (project.items().forTrack(track_id) != before) {
        throw std::runtime_error("undo of " + command.describe() + " did not restore the rows");
    }
    project.journal().redo();
    if (project.items().forTrack(track_id) != after) {
        throw std::runtime_error("redo of " + command.describe() + " differs from the edit");
    }
    return after;
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createReopenAndRefuseWrongFiles() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        {
            Project project(path, Project::OpenMode::CreateNew);
            QCOMPARE(project.schemaVersion(), Schema::latestVersion());
            addProbedVideo(project, "v1", 300);
        }
        QVERIFY_THROWS_EXCEPTION(actbert::Error, Project(path, Project::OpenMode::CreateNew));
        {
            Project project(path, Project::OpenMode::OpenExisting);
            QCOMPARE(project.videos().count(), 1);
            QCOMPARE(project.videos().list().front().key, std::string("v1"));
            QCOMPARE(project.database().queryText("PRAGMA journal_mode"), std::string("wal"));
            QCOMPARE(project.database().queryInt64("PRAGMA foreign_keys"), 1);
            QCOMPARE(project.checkIntegrity(), std::string("ok"));
        }
        try {
            Project missing(projectPath(dir, "missing.actbert"), Project::OpenMode::OpenExisting);
            QFAIL("opened a missing project");
        } catch (const actbert::Error& error) {
            QVERIFY(messageContains(error, "missing.actbert"));
        }
        const auto text_file = projectPath(dir, "notes.txt");
        std::ofstream(text_file) << std::string(4096, 'x');
        try {
            Project text(text_file, Project::OpenMode::OpenExisting);
            QFAIL("opened a text file as a project");
        } catch (const actbert::Error& error) {
            QVERIFY(messageContains(error, "notes.txt"));
        }
        const auto foreign = projectPath(dir, "foreign.db");
        {
            SqliteDatabase database(foreign, SqliteDatabase::OpenMode::CreateNew);
            database.execute("CREATE TABLE t(x)");
        }
        try {
            Project other(foreign, Project::OpenMode::OpenExisting);
            QFAIL("opened a foreign database");
        } catch (const actbert::Error& error) {
            QVERIFY(messageContains(error, "not an ActBERT Studio project"));
        }
    }

    void migratesFromEveryEarlierVersion() {
        for (int version = 0; version < Schema::latestVersion(); ++version) {
            QTemporaryDir dir;
            const auto path = projectPath(dir);
            {
                SqliteDatabase database(path, SqliteDatabase::OpenMode::CreateNew);
                Schema::migrate(database, version);
                QCOMPARE(Schema::currentVersion(database), version);
                if (version >= 1) {
                    database.execute(
                        "INSERT INTO videos(key, duration_s) VALUES('old', 10);"
                        "INSERT INTO tracks(video_id, name, kind, source) "
                        "VALUES(1, 'seg', 'action_segmentation', 'human');"
                        "INSERT INTO items(track_id, start_frame, end_frame, start_s, end_s, "
                        "label) VALUES(1, 0, 60, 0, 2, 'cut'), (1, 60, 300, 2, 10, 'stir');");
                }
            }
            Project project(path, Project::OpenMode::OpenExisting);
            QCOMPARE(project.schemaVersion(), Schema::latestVersion());
            QCOMPARE(project.checkIntegrity(), std::string("ok"));
            if (version >= 1) {
                const auto items = project.items().forTrack(1);
                QCOMPARE(items.size(), std::size_t(2));
                QCOMPARE(items[1].label, std::string("stir"));
                // Rows from before version 4 read as having no speaker, parent or word times.
                QVERIFY(items[1].speaker.empty() && items[1].parent_ref.empty() &&
                        items[1].word_times.empty());
                QVERIFY(!project.tracks().get(1).parent_track_id);
                // The journal and the later tables work on a migrated project.
                project.journal().apply(EditCommand::moveBoundary(items[0].id, Edge::End, 90),
                                        "tester");
                QCOMPARE(project.items().get(items[1].id).start_frame, 90);
                QVERIFY(project.journal().undo().has_value());
                QCOMPARE(project.items().get(items[1].id).start_frame, 60);
                project.catalog().addLabels("verbs", {{"1", "cut"}});
                QCOMPARE(project.catalog().labels("verbs").size(), std::size_t(1));
            }
        }
    }

    void speakersParentsAndWordTimesAreKept() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        std::int64_t words_track = 0;
        std::int64_t tokens_track = 0;
        std::int64_t word_id = 0;
        Item word;
        Item token;
        {
            Project project(path, Project::OpenMode::CreateNew);
            const auto video_id = addProbedVideo(project, "talk", 300);
            const auto other_video = addProbedVideo(project, "other", 300);
            Track words;
            words.video_id = video_id;
            words.name = "words";
            words.kind = TrackKind::Captions;
            words_track = project.tracks().add(words);
            Track tokens = words;
            tokens.name = "tokens";
            tokens.parent_track_id = words_track;
            tokens.parent_constraint = "Symbolic_Subdivision";
            tokens_track = project.tracks().add(tokens);
            Track elsewhere = words;
            elsewhere.video_id = other_video;
            const auto elsewhere_id = project.tracks().add(elsewhere);
            // A parent must be a track of the same video, and not the track itself.
            QVERIFY_THROWS_EXCEPTION(actbert::Error, project.tracks().setParent(
                                                         elsewhere_id, words_track, "Included_In"));
            QVERIFY_THROWS_EXCEPTION(actbert::Error, project.tracks().setParent(
                                                         words_track, words_track, "Included_In"));

            word.track_id = words_track;
            word.start_frame = 30;
            word.end_frame = 90;
            word.start_s = 1.0;
            word.end_s = 3.0;
            word.label = "so today we're";
            word.external_id = "a1";
            word.speaker = "Ann <host>";
            // Times that are not short decimals must come back bit for bit.
            word.word_times = {{1.0, "so"}, {1.1 + 0.2, " today"}, {2.0 / 3.0 + 1.5, " we're"}};
            word_id = project.items().insert(word);
            word.id = word_id;
            token = word;
            token.id = 0;
            token.track_id = tokens_track;
            token.label = "so";
            token.external_id = "a2";
            token.parent_ref = "a1";
            token.word_times.clear();
            project.items().insertMany({token});
        }
        Project project(path, Project::OpenMode::OpenExisting);
        QCOMPARE(project.tracks().get(tokens_track).parent_track_id.value_or(0), words_track);
        QCOMPARE(project.tracks().get(tokens_track).parent_constraint,
                 std::string("Symbolic_Subdivision"));
        QVERIFY(!project.tracks().get(words_track).parent_track_id);
        QVERIFY(project.items().get(word_id) == word);
        const auto tokens = project.items().forTrack(tokens_track);
        QCOMPARE(tokens.size(), std::size_t(1));
        QCOMPARE(tokens[0].parent_ref, std::string("a1"));
        QCOMPARE(tokens[0].speaker, std::string("Ann <host>"));

        // A journaled edit and its undo keep them exactly, also across a reopen.
        project.journal().apply(EditCommand::relabel(word_id, "so today"), "tester");
        QCOMPARE(project.items().get(word_id).word_times, word.word_times);
        QVERIFY(project.journal().undo().has_value());
        QVERIFY(project.items().get(word_id) == word);
        // An entry journaled before schema version 4 has none of the new keys.
        const auto old_entry = ChangeSet::fromJson(
            R"([[null, {"id": 7, "track": 1, "frames": [0, 30], "seconds": [0, 1],
               "whole_video": false, "label": "cut", "label_id": "", "external_id": "",
               "review": "unreviewed", "author": "", "confidence": null}]])");
        QCOMPARE(old_entry.changes().at(0).after->label, std::string("cut"));
        QVERIFY(old_entry.changes().at(0).after->word_times.empty());
        QVERIFY(old_entry.changes().at(0).after->speaker.empty());

        // Removing the parent track leaves the dependent one independent.
        project.tracks().remove(words_track);
        QVERIFY(!project.tracks().get(tokens_track).parent_track_id);
        QCOMPARE(project.items().count(tokens_track), std::int64_t(1));
    }

    void corruptWordTimesNameTheItem() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        std::int64_t track_id = 0;
        {
            Project project(path, Project::OpenMode::CreateNew);
            track_id = addPartitionTrack(project, addProbedVideo(project, "v", 90), {0, 30, 90});
        }
        {
            SqliteDatabase database(path, SqliteDatabase::OpenMode::OpenExisting);
            database.execute("UPDATE items SET word_times='[[1, 2]]' WHERE id=2");
        }
        Project project(path, Project::OpenMode::OpenExisting);
        try {
            project.items().forTrack(track_id);
            QFAIL("read corrupt word times");
        } catch (const actbert::Error& error) {
            QVERIFY2(messageContains(error, "item 2") && messageContains(error, "[1,2]"),
                     error.what());
        }
    }

    void refusesNewerSchema() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        { Project project(path, Project::OpenMode::CreateNew); }
        {
            SqliteDatabase database(path, SqliteDatabase::OpenMode::OpenExisting);
            database.execute("PRAGMA user_version = 99");
        }
        try {
            Project project(path, Project::OpenMode::OpenExisting);
            QFAIL("opened a newer project");
        } catch (const actbert::Error& error) {
            QVERIFY(messageContains(error, "newer"));
        }
    }

    void partitionEditsUndoAndRedo() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        const auto track = addPartitionTrack(project, video, {0, 100, 200, 300, 600});
        auto items = project.items().forTrack(track);
        QCOMPARE(items.size(), std::size_t(4));

        // The neighbour follows a moved boundary.
        auto after =
            editUndoRedo(project, track, EditCommand::moveBoundary(items[1].id, Edge::End, 250));
        QCOMPARE(after[1].end_frame, 250);
        QCOMPARE(after[2].start_frame, 250);
        QCOMPARE(after[2].start_s, 250.0 / 30.0);
        QVERIFY(after[1].review_state == ReviewState::Edited);
        after =
            editUndoRedo(project, track, EditCommand::moveBoundary(items[2].id, Edge::Start, 150));
        QCOMPARE(after[1].end_frame, 150);

        after = editUndoRedo(project, track, EditCommand::split(items[3].id, 450));
        QCOMPARE(after.size(), std::size_t(5));
        QCOMPARE(after[4].start_frame, 450);
        QCOMPARE(after[4].label, std::string("a3"));

        after = editUndoRedo(project, track, EditCommand::merge(after[3].id, after[4].id));
        QCOMPARE(after.size(), std::size_t(4));
        QCOMPARE(after[3].end_frame, 600);

        // Deleting gives the frames to the previous segment (or the next, for the first).
        after = editUndoRedo(project, track, EditCommand::remove(items[2].id));
        QCOMPARE(after.size(), std::size_t(3));
        QCOMPARE(after[1].end_frame, 300);
        after = editUndoRedo(project, track, EditCommand::remove(items[0].id));
        QCOMPARE(after.front().start_frame, 0);

        // A created segment carves its frames out of what covered them.
        after = editUndoRedo(project, track, EditCommand::create(track, 20, 40, "pour"));
        QCOMPARE(after.size(), std::size_t(4));
        QCOMPARE(after[1].label, std::string("pour"));
        QCOMPARE(after[2].start_frame, 40);
        QCOMPARE(after[2].label, after[0].label);
        after = editUndoRedo(project, track, EditCommand::create(track, 10, 590, "everything"));
        QCOMPARE(after.size(), std::size_t(3));

        after = editUndoRedo(project, track, EditCommand::relabel(after[1].id, "whisk", "12"));
        QCOMPARE(after[1].label_id, std::string("12"));
        QCOMPARE(project.checkIntegrity(), std::string("ok"));
    }

    void impossibleEditsChangeNothing() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        const auto track = addPartitionTrack(project, video, {0, 100, 200, 300});
        const auto items = project.items().forTrack(track);
        int notices = 0;
        project.notifier().subscribe([&](const ChangeEvent&) { ++notices; });
        const std::vector<EditCommand> impossible = {
            EditCommand::moveBoundary(items[0].id, Edge::End, 200),  // swallows item 1
            EditCommand::moveBoundary(items[1].id, Edge::End, 90),   // before its own start
            EditCommand::moveBoundary(items[2].id, Edge::End, 700),  // past the video
            EditCommand::split(items[0].id, 100),
            EditCommand::merge(items[0].id, items[2].id),  // not neighbours
            EditCommand::create(track, 400, 450, "far"),   // leaves a gap
            EditCommand::remove(99999),
        };
        for (const auto& command : impossible) {
            QVERIFY_THROWS_EXCEPTION(actbert::Error, project.journal().apply(command, "tester"));
            QCOMPARE(project.items().forTrack(track), items);
        }
        QVERIFY(!project.journal().canUndo());
        QCOMPARE(notices, 0);
    }

    void freeTracksAllowOverlapsButNotReversedItems() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        Track steps;
        steps.video_id = video;
        steps.name = "steps";
        steps.kind = TrackKind::Steps;
        const auto track = project.tracks().add(steps);
        const auto a = project.journal().apply(EditCommand::create(track, 0, 100, "a"), "t");
        const auto b = project.journal().apply(EditCommand::create(track, 50, 150, "b"), "t");
        QCOMPARE(project.items().count(track), 2);
        project.journal().apply(
            EditCommand::moveBoundary(b.created_item_ids.at(0), Edge::Start, 10), "t");
        QCOMPARE(project.items().get(a.created_item_ids.at(0)).end_frame, 100);
        QVERIFY_THROWS_EXCEPTION(
            actbert::Error,
            project.journal().apply(
                EditCommand::moveBoundary(a.created_item_ids.at(0), Edge::End, 0), "t"));
        // Bulk accept takes the unreviewed ones above the threshold only.
        Item model_item;
        model_item.track_id = track;
        model_item.start_frame = 0;
        model_item.end_frame = 30;
        model_item.end_s = 1;
        model_item.confidence = 0.9;
        const auto sure = project.items().insert(model_item);
        model_item.confidence = 0.2;
        const auto unsure = project.items().insert(model_item);
        project.journal().apply(EditCommand::bulkAccept(track, 0.5), "reviewer");
        QVERIFY(project.items().get(sure).review_state == ReviewState::Accepted);
        QVERIFY(project.items().get(unsure).review_state == ReviewState::Unreviewed);
        project.journal().apply(EditCommand::setReviewState({unsure}, ReviewState::Rejected), "r");
        QVERIFY(project.items().get(unsure).review_state == ReviewState::Rejected);
        project.journal().undo();
        project.journal().undo();
        QVERIFY(project.items().get(sure).review_state == ReviewState::Unreviewed);
    }

    void undoRedoSurviveReopenAndNewEditsEndRedo() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        std::int64_t track = 0;
        std::vector<Item> original;
        {
            Project project(path, Project::OpenMode::CreateNew);
            const auto video = addProbedVideo(project, "v", 600);
            track = addPartitionTrack(project, video, {0, 100, 200, 300});
            original = project.items().forTrack(track);
            project.journal().apply(EditCommand::split(original[0].id, 50), "t");
            project.journal().apply(EditCommand::relabel(original[2].id, "fry"), "t");
        }
        {
            Project project(path, Project::OpenMode::OpenExisting);
            QCOMPARE(project.items().count(track), 4);
            QVERIFY(project.journal().undo());
            QVERIFY(project.journal().undo());
            QCOMPARE(project.items().forTrack(track), original);
            QVERIFY(!project.journal().undo());
        }
        {
            Project project(path, Project::OpenMode::OpenExisting);
            QVERIFY(project.journal().canRedo());
            QVERIFY(project.journal().redo());
            QCOMPARE(project.items().count(track), 4);
            // A new edit discards what could still be redone.
            project.journal().apply(EditCommand::moveBoundary(original[1].id, Edge::End, 210), "t");
            QVERIFY(!project.journal().canRedo());
            QCOMPARE(project.journal().history().size(), std::size_t(2));
        }
    }

    void boundaryDragMergesIntoOneUndoStep() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        const auto track = addPartitionTrack(project, video, {0, 100, 200, 300});
        const auto original = project.items().forTrack(track);
        std::int64_t first_edit = 0;
        for (std::int64_t frame = 101; frame <= 140; ++frame) {
            const auto outcome = project.journal().apply(
                EditCommand::moveBoundary(original[0].id, Edge::End, frame, "drag-1"), "t");
            if (first_edit == 0) {
                first_edit = outcome.edit_id;
            }
            QCOMPARE(outcome.edit_id, first_edit);
        }
        // A second drag of another boundary is its own step.
        project.journal().apply(EditCommand::moveBoundary(original[1].id, Edge::End, 250, "drag-2"),
                                "t");
        QCOMPARE(project.journal().history().size(), std::size_t(2));
        project.journal().undo();
        QCOMPARE(project.items().get(original[0].id).end_frame, 140);
        project.journal().undo();
        QCOMPARE(project.items().forTrack(track), original);
        project.journal().redo();
        QCOMPARE(project.items().get(original[1].id).start_frame, 140);
        // Without a session, moves are separate steps.
        project.journal().apply(EditCommand::moveBoundary(original[0].id, Edge::End, 120), "t");
        project.journal().apply(EditCommand::moveBoundary(original[0].id, Edge::End, 130), "t");
        QCOMPARE(project.journal().history().size(), std::size_t(3));
    }

    void aDragStopsAtTheLimitsWhereAnExplicitMoveIsRefused() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        const auto track = addPartitionTrack(project, video, {0, 100, 200, 300});
        const auto items = project.items().forTrack(track);
        QVERIFY_THROWS_EXCEPTION(
            actbert::Error,
            project.journal().apply(EditCommand::moveBoundary(items[0].id, Edge::End, 250), "t"));
        QCOMPARE(project.items().forTrack(track), items);
        // The studio's drag past the neighbour stops where the neighbour keeps one frame.
        project.journal().apply(EditCommand::dragBoundary(items[0].id, Edge::End, 250), "t");
        QCOMPARE(project.items().get(items[0].id).end_frame, 199);
        QCOMPARE(project.items().get(items[1].id).start_frame, 199);
        QCOMPARE(project.items().get(items[1].id).end_frame, 200);
        // ... and at the video's ends; a move that changes nothing is no undo step.
        project.journal().apply(EditCommand::dragBoundary(items[2].id, Edge::End, 10'000), "t");
        QCOMPARE(project.items().get(items[2].id).end_frame, 600);
        const std::size_t steps = project.journal().history().size();
        QCOMPARE(steps, std::size_t(2));
        project.journal().apply(EditCommand::dragBoundary(items[0].id, Edge::Start, -5), "t");
        project.journal().apply(EditCommand::moveBoundary(items[2].id, Edge::End, 600), "t");
        QCOMPARE(project.journal().history().size(), steps);
        QVERIFY(project.journal().undo());
        QVERIFY(project.journal().undo());
        QCOMPARE(project.items().forTrack(track), items);
    }

    void undoRefusesToClobberOutsideChanges() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        const auto track = addPartitionTrack(project, video, {0, 100, 200});
        const auto items = project.items().forTrack(track);
        project.journal().apply(EditCommand::relabel(items[0].id, "x"), "t");
        Item changed = project.items().get(items[0].id);
        changed.label = "changed by an import";
        project.items().update(changed);
        QVERIFY_THROWS_EXCEPTION(actbert::Error, project.journal().undo());
        QCOMPARE(project.items().get(items[0].id).label, std::string("changed by an import"));
        QVERIFY(project.journal().canUndo());
    }

    void windowQueryMatchesBruteForce() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        Video video;
        video.key = "long";
        const auto video_id = project.videos().add(video);
        Track track;
        track.video_id = video_id;
        track.name = "captions";
        track.kind = TrackKind::Captions;
        const auto track_id = project.tracks().add(track);
        std::mt19937 random(7);
        std::vector<Item> all;
        auto transaction = project.beginTransaction();
        for (int i = 0; i < 2000; ++i) {
            Item item;
            item.track_id = track_id;
            item.start_s = std::uniform_real_distribution<double>(0, 3000)(random);
            // Mostly short items, a few very long ones that start far before a window.
            item.end_s = item.start_s + (i % 97 == 0 ? 900.0 : 1.0 + (i % 13));
            item.start_frame = std::llround(item.start_s * 30);
            item.end_frame = std::llround(item.end_s * 30);
            item.id = project.items().insert(item);
            all.push_back(item);
        }
        transaction->commit();
        for (double start = 0; start < 3200; start += 173.5) {
            const double end = start + 600;
            std::set<std::int64_t> expected;
            for (const auto& item : all) {
                if (item.start_s < end && item.end_s > start) {
                    expected.insert(item.id);
                }
            }
            std::set<std::int64_t> found;
            for (const auto& item : project.items().inWindow(track_id, start, end)) {
                found.insert(item.id);
            }
            QCOMPARE(found, expected);
        }
        // The plan uses the (track, start) index, not a table scan.
        Statement plan = project.database().prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM items WHERE track_id=1 AND start_s < 10 AND "
            "end_s > 5 AND start_s >= 5 - (SELECT max_item_span_s FROM tracks WHERE id=1)");
        std::string details;
        while (plan.step()) {
            details += plan.text(3) + "\n";
        }
        QVERIFY2(details.find("items_by_start") != std::string::npos, details.c_str());
    }

    void listenersHearLocalAndExternalChanges() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        Project project(path, Project::OpenMode::CreateNew);
        const auto video = addProbedVideo(project, "v", 600);
        const auto track = addPartitionTrack(project, video, {0, 100, 200});
        std::vector<ChangeEvent> events;
        const int id =
            project.notifier().subscribe([&](const ChangeEvent& e) { events.push_back(e); });
        const auto revision = project.notifier().revision();
        const auto items = project.items().forTrack(track);
        project.journal().apply(EditCommand::split(items[0].id, 50), "t");
        QCOMPARE(events.size(), std::size_t(1));
        QVERIFY(events[0].track_ids.count(track) == 1);
        QVERIFY(project.notifier().revision() > revision);
        project.pollExternalChanges();
        events.clear();
        {
            Project other(path, Project::OpenMode::OpenExisting);
            other.journal().undo();
        }
        QVERIFY(project.pollExternalChanges());
        QCOMPARE(events.size(), std::size_t(1));
        QVERIFY(events[0].external);
        QVERIFY(!project.pollExternalChanges());
        project.notifier().unsubscribe(id);
        project.journal().redo();
        QCOMPARE(events.size(), std::size_t(1));
    }

    void workerThreadsEditWhileReaderReads() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        std::int64_t track = 0;
        {
            Project project(path, Project::OpenMode::CreateNew);
            const auto video = addProbedVideo(project, "v", 6000);
            std::vector<std::int64_t> boundaries;
            for (std::int64_t frame = 0; frame <= 6000; frame += 100) {
                boundaries.push_back(frame);
            }
            track = addPartitionTrack(project, video, boundaries);
        }
        std::string worker_error;
        std::thread worker([&] {
            try {
                Project project(path, Project::OpenMode::OpenExisting);
                const auto items = project.items().forTrack(track);
                for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
                    project.journal().apply(
                        EditCommand::moveBoundary(items[i].id, Edge::End, items[i].end_frame - 10),
                        "worker");
                }
            } catch (const std::exception& error) {
                worker_error = error.what();
            }
        });
        Project reader(path, Project::OpenMode::OpenExisting);
        for (int i = 0; i < 50; ++i) {
            // Every snapshot a reader sees is a consistent partition.
            QCOMPARE(partitionProblem(reader, track), std::string());
        }
        worker.join();
        QCOMPARE(worker_error, std::string());
        QCOMPARE(reader.journal().history(1000).size(), std::size_t(30));
        QCOMPARE(reader.checkIntegrity(), std::string("ok"));
    }

    void catalogRegionsRunsAndMediaInfo() {
        QTemporaryDir dir;
        Project project(projectPath(dir), Project::OpenMode::CreateNew);
        TaskDefinition task{"crosstask", "23521", "Make Jello Shots", "http://x", {}};
        task.steps = {{"1", "pour water"}, {"2", "pour jello powder"}};
        project.catalog().putTask(task);
        project.catalog().putTask(task);
        QCOMPARE(project.catalog().tasks("crosstask").size(), std::size_t(1));
        QCOMPARE(*project.catalog().task("crosstask", "23521"), task);

        Video video;
        video.key = "yt";
        const auto video_id = project.videos().add(video);
        const auto run = project.modelRuns().start("actbert", "abc123", "{\"fps\":1}");
        Track regions;
        regions.video_id = video_id;
        regions.name = "boxes";
        regions.kind = TrackKind::Regions;
        regions.source = TrackSource::Model;
        regions.model_run_id = run;
        const auto track = project.tracks().add(regions);
        QCOMPARE(*project.tracks().get(track).model_run_id, run);
        project.regions().add({{0, track, 5, 1, 2, 30, 40, "cup", 0.8, 3},
                               {0, track, 9, 2, 3, 30, 40, "cup", 0.7, 3}});
        QCOMPARE(project.regions().inFrames(track, 0, 6).size(), std::size_t(1));
        project.modelRuns().finish(run, RunStatus::Finished);
        QVERIFY(project.modelRuns().list().front().status == RunStatus::Finished);

        // Probing the real video re-derives frames from seconds and sizes whole-video items.
        Track captions;
        captions.video_id = video_id;
        captions.name = "captions";
        captions.kind = TrackKind::Captions;
        const auto captions_id = project.tracks().add(captions);
        Item item;
        item.track_id = captions_id;
        item.start_s = 1.0;
        item.end_s = 2.0;
        item.start_frame = 30;
        item.end_frame = 60;
        const auto timed = project.items().insert(item);
        item.whole_video = true;
        item.start_s = item.end_s = 0;
        item.start_frame = item.end_frame = 0;
        const auto whole = project.items().insert(item);
        project.videos().setMediaInfo(video_id, {25, 1}, {1, 12800}, 12.0, 300, "hash", "{}");
        QCOMPARE(project.items().get(timed).start_frame, 25);
        QCOMPARE(project.items().get(whole).end_s, 12.0);
        QCOMPARE(project.items().get(whole).end_frame, 300);
        QCOMPARE(project.items().inWindow(captions_id, 5, 6).size(), std::size_t(1));
        QCOMPARE(project.checkIntegrity(), std::string("ok"));
    }

    void killedEditBurstKeepsEveryAcknowledgedEdit() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        std::int64_t track = 0;
        {
            Project project(path, Project::OpenMode::CreateNew);
            const auto video = addProbedVideo(project, "v", 6000);
            track = addPartitionTrack(project, video, {0, 3000, 6000});
        }
        for (int round = 0; round < 3; ++round) {
            QProcess child;
            child.start(QStringLiteral(STORE_CRASH_HELPER_PATH),
                        {QStringLiteral("edits"), QString::fromStdString(path.string()),
                         QString::number(track)});
            QVERIFY(child.waitForStarted());
            QByteArray output;
            // Kill at a different moment each round.
            const int wanted_lines = 20 + 37 * round;
            while (output.count('\n') < wanted_lines) {
                QVERIFY2(child.waitForReadyRead(20000), "helper stopped editing");
                output += child.readAllStandardOutput();
            }
            ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
            child.waitForFinished();
            output += child.readAllStandardOutput();

            std::set<std::int64_t> acknowledged;
            std::int64_t last_frame = -1;
            for (const auto& line : output.split('\n')) {
                const auto words = line.split(' ');
                if (words.size() == 3 && words[0] == "done") {
                    acknowledged.insert(words[1].toLongLong());
                    last_frame = words[2].toLongLong();
                }
            }
            Project project(path, Project::OpenMode::OpenExisting);
            QCOMPARE(project.checkIntegrity(), std::string("ok"));
            QCOMPARE(partitionProblem(project, track), std::string());
            std::set<std::int64_t> journaled;
            for (const auto& entry : project.journal().history(100000)) {
                journaled.insert(entry.id);
            }
            // Every acknowledged edit is there; at most the one in flight was also committed.
            QVERIFY(std::includes(journaled.begin(), journaled.end(), acknowledged.begin(),
                                  acknowledged.end()));
            QVERIFY(journaled.size() - acknowledged.size() <= std::size_t(1));
            const auto boundary = project.items().forTrack(track).front().end_frame;
            if (journaled.size() == acknowledged.size()) {
                QCOMPARE(boundary, last_frame);
            }
            // Undo still works on what survived.
            QVERIFY(project.journal().undo());
            // Later rounds start from a clean journal so the count check stays exact.
            project.database().execute("DELETE FROM edits");
        }
    }

    void killedImportLeavesProjectAsItWas() {
        QTemporaryDir dir;
        const auto path = projectPath(dir);
        { Project project(path, Project::OpenMode::CreateNew); }
        QProcess child;
        child.start(QStringLiteral(STORE_CRASH_HELPER_PATH),
                    {QStringLiteral("import"), QString::fromStdString(path.string()),
                     QStringLiteral("5000000")});
        QVERIFY(child.waitForStarted());
        QByteArray output;
        while (!output.contains("started")) {
            QVERIFY2(child.waitForReadyRead(20000), "helper did not start importing");
            output += child.readAllStandardOutput();
        }
        QTest::qWait(300);
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        child.waitForFinished();
        output += child.readAllStandardOutput();
        QVERIFY2(!output.contains("done"), "import finished before the kill; make it bigger");
        Project project(path, Project::OpenMode::OpenExisting);
        QCOMPARE(project.checkIntegrity(), std::string("ok"));
        QCOMPARE(project.videos().count(), 0);
        QCOMPARE(project.database().queryInt64("SELECT count(*) FROM items"), 0);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
