// Tests of the annotation formats: the real data-set files import completely and export back
// unchanged; hand-written files in the published layouts (COIN, CrossTask, MSR-VTT MC, ELAN,
// WebVTT, SRT) round-trip; hostile files fail with the file and position and change nothing.

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>

#include "core/common/error.h"
#include "core/data/annotation_formats.h"
#include "core/data/csv_table.h"
#include "core/data/project_exporter.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"
#include "core/store/sqlite_database.h"
#include "data_test_support.h"

using namespace actbert;
using namespace actbert::data;
using namespace actbert::data::testing;

// Fails with the first difference between two documents.
#define EXPECT_SAME_DOCUMENTS(difference)                             \
    do {                                                              \
        const std::string found_difference = (difference);            \
        QVERIFY2(found_difference.empty(), found_difference.c_str()); \
    } while (false)

namespace {

const std::filesystem::path kAnnotations =
    std::filesystem::path(ACTBERT_SHARED_DATA_DIR) / "annotations";

std::filesystem::path in(const QTemporaryDir& dir, const std::string& name) {
    return std::filesystem::path(dir.path().toStdString()) / name;
}

ImportSummary importInto(store::Project& project, const std::string& format,
                         const std::vector<std::filesystem::path>& files,
                         const std::string& video_key = {}) {
    return ProjectImporter::run(project, AnnotationFormats::read(format, files, video_key), {},
                                nullptr, CancelToken());
}

// Exports with the format's default selection, then reads the file back as a document.
AnnotationDocument exportAndRead(store::Project& project, const std::string& format,
                                 const std::filesystem::path& out,
                                 std::vector<std::string> tracks = {}) {
    ExportSelection selection;
    selection.track_names = std::move(tracks);
    if (selection.track_names.empty()) {
        selection.kinds = AnnotationFormats::defaultKinds(format);
    }
    AnnotationFormats::write(format, ProjectExporter::collect(project, selection), out);
    if (format == "crosstask") {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        return AnnotationFormats::read(format, files);
    }
    return AnnotationFormats::read(format, {out});
}

std::int64_t itemCount(store::Project& project) {
    return project.database().queryInt64("SELECT count(*) FROM items");
}

// Expects `read` to throw an error that mentions every one of `needles`.
template <typename Function>
void expectError(Function read, const std::vector<std::string>& needles) {
    try {
        read();
    } catch (const Error& error) {
        const std::string message = error.what();
        for (const auto& needle : needles) {
            if (message.find(needle) == std::string::npos) {
                QFAIL(("message lacks '" + needle + "': " + message).c_str());
            }
        }
        return;
    }
    QFAIL(("no error; expected one mentioning " + needles.front()).c_str());
}

}  // namespace

class TestData : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theFormatTableIsTheOnlyList() {
        // names(), checkName(), defaultKinds() and the readers all come from the one table.
        std::vector<std::string> names;
        for (const auto& format : AnnotationFormats::all()) {
            names.push_back(format.name);
            QVERIFY2(!format.title.empty() && format.patterns.starts_with("*."),
                     format.name.c_str());
            QVERIFY(format.read && format.write);
            QVERIFY(&AnnotationFormats::find(format.name) == &format);
            QVERIFY(AnnotationFormats::defaultKinds(format.name) == format.export_kinds);
        }
        QVERIFY(names == AnnotationFormats::names());
        QCOMPARE(AnnotationFormats::find("crosstask").exports_to_folder, true);
        expectError([] { AnnotationFormats::checkName("ass"); },
                    {"unknown format 'ass'", AnnotationFormats::nameList()});
        // The CLI's help lists the same names.
        const auto help = runCli({QStringLiteral("import"), QStringLiteral("--help")});
        for (const auto& name : names) {
            QVERIFY2(help.out.find(name) != std::string::npos, name.c_str());
        }
    }

    void realYouCook2ImportsCompletelyAndExportsTheSame() {
        QTemporaryDir dir;
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        const auto source = kAnnotations / "youcookii_annotations_trainval.json";
        const auto summary = importInto(project, "youcook2", {source});
        QCOMPARE(summary.videos_added, 1790);
        QCOMPARE(summary.items_added, 13829);
        QCOMPARE(itemCount(project), 13829);

        const auto out = in(dir, "youcook2.json");
        AnnotationFormats::write(
            "youcook2", ProjectExporter::collect(project, {{}, {}, {store::TrackKind::Steps}}),
            out);
        const auto original = nlohmann::json::parse(readFile(source))["database"];
        const auto exported = nlohmann::json::parse(readFile(out))["database"];
        QCOMPARE(exported.size(), original.size());
        for (const auto& [key, video] : original.items()) {
            QVERIFY2(exported.contains(key), key.c_str());
            const auto& mine = exported[key];
            for (const char* field : {"duration", "subset", "recipe_type", "video_url"}) {
                QVERIFY2(mine[field] == video[field], (key + " " + field).c_str());
            }
            QCOMPARE(mine["annotations"].size(), video["annotations"].size());
            for (std::size_t i = 0; i < video["annotations"].size(); ++i) {
                const auto& a = video["annotations"][i];
                const auto& b = mine["annotations"][i];
                QVERIFY2(a["id"] == b["id"] && a["segment"] == b["segment"] &&
                             a["sentence"] == b["sentence"],
                         (key + " annotation " + std::to_string(i)).c_str());
                // Frames and the frame rate travel with the seconds.
                QCOMPARE(b["frames"][0].get<std::int64_t>(),
                         std::llround(a["segment"][0].get<double>() * 30));
            }
            QCOMPARE(mine["fps"].get<std::string>(), std::string("30/1"));
        }
        // And the export imports back to the same items.
        store::Project again(in(dir, "q.actbert"), store::Project::OpenMode::CreateNew);
        importInto(again, "youcook2", {out});
        EXPECT_SAME_DOCUMENTS(compareDocuments(snapshot(project), snapshot(again)));
    }

    void realTablesImportCompletelyAndRoundTrip() {
        QTemporaryDir dir;
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        QCOMPARE(importInto(project, "youcook2-clips", {kAnnotations / "youcook2_val_clips.csv"})
                     .items_added,
                 3350);
        QCOMPARE(project.videos().count(), 436);
        QCOMPARE(importInto(project, "msrvtt", {kAnnotations / "msrvtt_1kA_test.csv"}).items_added,
                 1000);
        std::vector<std::filesystem::path> captions;
        for (const auto& entry :
             std::filesystem::directory_iterator(kAnnotations / "howto100m_captions")) {
            captions.push_back(entry.path());
        }
        QCOMPARE(captions.size(), std::size_t(60));
        QCOMPARE(importInto(project, "howto100m", captions).items_added, 5950);
        QCOMPARE(project.checkIntegrity(), std::string("ok"));

        // MSR-VTT and the clips come back as the same rows.
        const auto msrvtt = in(dir, "msrvtt.csv");
        exportAndRead(project, "msrvtt", msrvtt, {"msrvtt"});
        const auto original_rows =
            CsvTable::parse(readFile(kAnnotations / "msrvtt_1kA_test.csv"), "a");
        const auto exported_rows = CsvTable::parse(readFile(msrvtt), "b");
        QCOMPARE(exported_rows.header(), original_rows.header());
        QCOMPARE(exported_rows.rows().size(), original_rows.rows().size());
        for (std::size_t i = 0; i < original_rows.rows().size(); ++i) {
            QCOMPARE(exported_rows.rows()[i].fields, original_rows.rows()[i].fields);
        }
        const auto clips = in(dir, "clips.csv");
        exportAndRead(project, "youcook2-clips", clips, {"youcook2-clips"});
        const auto clip_source =
            CsvTable::parse(readFile(kAnnotations / "youcook2_val_clips.csv"), "a");
        const auto clip_export = CsvTable::parse(readFile(clips), "b");
        std::multiset<std::vector<std::string>> expected_rows;
        std::multiset<std::vector<std::string>> actual_rows;
        for (const auto& row : clip_source.rows()) {
            expected_rows.insert(row.fields);
        }
        for (const auto& row : clip_export.rows()) {
            actual_rows.insert(row.fields);
        }
        QVERIFY(expected_rows == actual_rows);

        // HowTo100M through the release JSON layout.
        const auto howto = in(dir, "howto.json");
        const auto reread = exportAndRead(project, "howto100m", howto, {"howto100m"});
        EXPECT_SAME_DOCUMENTS(
            compareDocuments(AnnotationFormats::read("howto100m", captions), reread));
    }

    void coinLayoutRoundTripsWithTasksAndVocabulary() {
        QTemporaryDir dir;
        writeFile(in(dir, "COIN.json"), coinFixture());
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        const auto summary = importInto(project, "coin", {in(dir, "COIN.json")});
        QCOMPARE(summary.items_added, 3);
        QCOMPARE(summary.tasks, 2);
        QCOMPARE(project.catalog().task("coin", "113")->steps.size(), std::size_t(2));
        QCOMPARE(project.catalog().labels("coin-steps").size(), std::size_t(3));
        const auto video = project.videos().findByKey("-0og5yXaJIk");
        QCOMPARE(video->task_name, std::string("ReplaceADoorKnob"));
        const auto out = in(dir, "out.json");
        const auto reread = exportAndRead(project, "coin", out);
        EXPECT_SAME_DOCUMENTS(
            compareDocuments(AnnotationFormats::read("coin", {in(dir, "COIN.json")}), reread));
        const auto exported = nlohmann::json::parse(readFile(out))["database"]["-0og5yXaJIk"];
        QCOMPARE(exported["recipe_type"].get<int>(), 113);
        QCOMPARE(exported["start"].get<double>(), 1.0);
        QCOMPARE(exported["annotation"][1]["id"].get<std::string>(), std::string("776"));
        QCOMPARE(exported["annotation"][1]["frames"][1].get<int>(), 1200);
    }

    void crossTaskLayoutRoundTrips() {
        QTemporaryDir dir;
        writeFile(in(dir, "tasks_primary.txt"),
                  "23521\nMake Jello Shots\nhttp://www.wikihow.com/Make-Jello-Shots\n6\n"
                  "pour water,pour juice,pour jello powder,pour alcohol,stir mixture,"
                  "pour mixture into cup\n\n"
                  "59684\nBuild Simple Floating Shelves\nhttp://www.wikihow.com/Build-Shelves\n3\n"
                  "cut shelf,assemble shelf,sand shelf\n\n");
        writeFile(in(dir, "annotations/23521_6F_-gR4_GAg.csv"),
                  "1,15.87,21.41\n3,33.0,37.52\n5,40.0,47.5\n");
        writeFile(in(dir, "annotations/59684_zz_top.csv"), "2,3,9.5\n");
        writeFile(in(dir, "videos.csv"),
                  "23521,6F_-gR4_GAg,https://www.youtube.com/watch?v=6F_-gR4_GAg\n"
                  "59684,zz_top,https://www.youtube.com/watch?v=zz_top\n");
        const std::vector<std::filesystem::path> files = {
            in(dir, "tasks_primary.txt"), in(dir, "annotations/23521_6F_-gR4_GAg.csv"),
            in(dir, "annotations/59684_zz_top.csv"), in(dir, "videos.csv")};
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        QCOMPARE(importInto(project, "crosstask", files).items_added, 4);
        const auto items = project.items().forTrack(
            project.tracks()
                .findByName(project.videos().findByKey("6F_-gR4_GAg")->id, "crosstask")
                ->id);
        QCOMPARE(items[1].label, std::string("pour jello powder"));
        QCOMPARE(items[1].label_id, std::string("3"));
        QCOMPARE(project.videos().findByKey("zz_top")->url,
                 std::string("https://www.youtube.com/watch?v=zz_top"));
        const auto reread = exportAndRead(project, "crosstask", in(dir, "export"));
        EXPECT_SAME_DOCUMENTS(
            compareDocuments(AnnotationFormats::read("crosstask", files), reread));
        QCOMPARE(readFile(in(dir, "export/tasks_primary.txt")),
                 readFile(in(dir, "tasks_primary.txt")));
        // An annotation whose task is unknown is refused with the file named.
        expectError([&] { AnnotationFormats::read("crosstask", {files[1]}); },
                    {"23521_6F_-gR4_GAg.csv", "task 23521"});
    }

    void msrvttMultipleChoiceRoundTrips() {
        QTemporaryDir dir;
        const std::string text =
            "video7010\ta man is cooking\ta dog runs\tkids sing\ta car drives\tpeople talk\t0\n"
            "video7020\ta woman sings\ta cat sleeps\ta \"quoted\" plane\ta man swims\tsomeone "
            "cooks\t4\n";
        writeFile(in(dir, "mc.tsv"), text);
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        QCOMPARE(importInto(project, "msrvtt", {in(dir, "mc.tsv")}).items_added, 10);
        exportAndRead(project, "msrvtt", in(dir, "out.tsv"));
        QCOMPARE(readFile(in(dir, "out.tsv")), text);
        writeFile(in(dir, "bad.tsv"), "video1\ta\tb\tc\td\te\t7\n");
        expectError([&] { AnnotationFormats::read("msrvtt", {in(dir, "bad.tsv")}); },
                    {"bad.tsv", "line 1", "answer index 7"});
    }

    void elanFilesImportAndRoundTrip() {
        QTemporaryDir dir;
        writeFile(in(dir, "pancakes.eaf"), eafFixture());
        const auto document = AnnotationFormats::read("eaf", {in(dir, "pancakes.eaf")});
        QCOMPARE(document.videos.front().key, std::string("pancakes"));
        QCOMPARE(document.videos.front().tracks.size(), std::size_t(2));
        QCOMPARE(document.videos.front().tracks[0].segments[1].label, std::string("whisk & pour"));
        QCOMPARE(document.videos.front().tracks[1].segments[0].end_s, 7.001);

        // A partition edited by frames keeps its frames through .eaf (milliseconds) and back.
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        ProjectImporter::run(project, document, {}, nullptr, CancelToken());
        const auto video_id = project.videos().findByKey("pancakes")->id;
        project.videos().setMediaInfo(video_id, {30000, 1001}, {1, 90000}, 10.0, 299, "h", "{}");
        store::Track segmentation;
        segmentation.video_id = video_id;
        segmentation.name = "actions";
        segmentation.kind = store::TrackKind::ActionSegmentation;
        const auto track = project.tracks().add(segmentation);
        project.journal().apply(store::EditCommand::create(track, 0, 299, "idle"), "t");
        const auto first = project.items().forTrack(track).front().id;
        project.journal().apply(store::EditCommand::split(first, 97), "t");
        project.journal().apply(store::EditCommand::relabel(first, "pour", "7"), "t");
        const auto reread =
            exportAndRead(project, "eaf", in(dir, "out.eaf"), {"steps", "speech", "actions"});
        QCOMPARE(reread.videos.front().fps->toString(), std::string("30000/1001"));
        store::Project again(in(dir, "q.actbert"), store::Project::OpenMode::CreateNew);
        ProjectImporter::run(again, reread, {}, nullptr, CancelToken());
        EXPECT_SAME_DOCUMENTS(compareDocuments(snapshot(project), snapshot(again), 0.0005));
        const auto actions = again.items().forTrack(
            again.tracks().findByName(again.videos().findByKey("pancakes")->id, "actions")->id);
        QCOMPARE(actions[0].end_frame, 97);
        QCOMPARE(actions[0].label_id, std::string("7"));
        QVERIFY(
            again.tracks().findByName(again.videos().findByKey("pancakes")->id, "actions")->kind ==
            store::TrackKind::ActionSegmentation);
        const std::string exported = readFile(in(dir, "out.eaf"));
        QVERIFY(exported.find("CONTROLLED_VOCABULARY CV_ID=\"cv-actions\"") != std::string::npos);
    }

    void subtitlesImportAndRoundTrip() {
        QTemporaryDir dir;
        writeFile(in(dir, "talk.vtt"),
                  "\xEF\xBB\xBFWEBVTT - recipe\r\n\r\nNOTE made by hand\r\n\r\nSTYLE\r\n::cue { "
                  "color: red }\r\n\r\n"
                  "intro\r\n00:01.000 --> 00:04.250 align:start\r\nfirst line\r\nsecond &amp; "
                  "line\r\n\r\n"
                  "01:00:00.000 --> 01:00:02.500\r\nan hour in\r\n");
        writeFile(in(dir, "talk.srt"),
                  "1\n00:00:01,000 --> 00:00:04,250\nfirst line\nsecond & line\n\n"
                  "2\n01:00:00,000 --> 01:00:02,500\nan hour in\n\n");
        const auto vtt = AnnotationFormats::read("vtt", {in(dir, "talk.vtt")}, "talk");
        const auto srt = AnnotationFormats::read("srt", {in(dir, "talk.srt")}, "talk");
        QCOMPARE(vtt.videos.front().tracks.front().segments.size(), std::size_t(2));
        QCOMPARE(vtt.videos.front().tracks.front().segments[0].label,
                 std::string("first line\nsecond & line"));
        QCOMPARE(vtt.videos.front().tracks.front().segments[1].start_s, 3600.0);
        auto srt_as_vtt = srt;
        srt_as_vtt.videos.front().tracks.front().name = "vtt";
        EXPECT_SAME_DOCUMENTS(compareDocuments(vtt, srt_as_vtt));

        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        ProjectImporter::run(project, vtt, {}, nullptr, CancelToken());
        EXPECT_SAME_DOCUMENTS(
            compareDocuments(vtt, exportAndRead(project, "vtt", in(dir, "out.vtt"))));
        auto srt_reread = exportAndRead(project, "srt", in(dir, "out.srt"));
        srt_reread.videos.front().key = "talk";
        srt_reread.videos.front().tracks.front().name = "vtt";
        EXPECT_SAME_DOCUMENTS(compareDocuments(vtt, srt_reread));
        // Steps export as chapters: the VTT names the kind and re-imports as steps.
        auto chapters = vtt;
        chapters.videos.front().tracks.front().name = "chapters";
        chapters.videos.front().tracks.front().kind = store::TrackKind::Steps;
        ProjectImporter::run(project, chapters, {}, nullptr, CancelToken());
        const auto chapters_back =
            exportAndRead(project, "vtt", in(dir, "chapters.vtt"), {"chapters"});
        QVERIFY(chapters_back.videos.front().tracks.front().kind == store::TrackKind::Steps);
        EXPECT_SAME_DOCUMENTS(compareDocuments(chapters, chapters_back));
    }

    void genericCsvAndJsonAreLossless() {
        QTemporaryDir dir;
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        importInto(project, "msrvtt", {kAnnotations / "msrvtt_1kA_test.csv"});
        writeFile(in(dir, "COIN.json"), coinFixture());
        importInto(project, "coin", {in(dir, "COIN.json")});
        const auto coin_track =
            project.tracks().findByName(project.videos().findByKey("zzvFJ2u7K3w")->id, "coin")->id;
        const auto item = project.items().forTrack(coin_track).front().id;
        project.journal().apply(
            store::EditCommand::setReviewState({item}, store::ReviewState::Rejected), "me");
        for (const std::string format : {"csv", "json"}) {
            const auto out = in(dir, "all." + format);
            AnnotationFormats::write(format, ProjectExporter::collect(project, {}), out);
            store::Project again(in(dir, format + ".actbert"), store::Project::OpenMode::CreateNew);
            importInto(again, format, {out});
            const auto a = snapshot(project);
            const auto b = snapshot(again);
            EXPECT_SAME_DOCUMENTS(compareDocuments(a, b));
            const auto video = again.videos().findByKey("zzvFJ2u7K3w");
            const auto copy =
                again.items().forTrack(again.tracks().findByName(video->id, "coin")->id);
            QVERIFY(copy.front().review_state == store::ReviewState::Rejected);
            QCOMPARE(copy.front().author, std::string("me"));
            QCOMPARE(video->fps.toString(), std::string("30/1"));
            if (format == "json") {
                QCOMPARE(video->task_name, std::string("MakeSandwich"));
                QCOMPARE(again.catalog().labels("coin-steps").size(), std::size_t(3));
            }
        }
    }

    void cancelledExportWritesNothing() {
        QTemporaryDir dir;
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        importInto(project, "msrvtt", {kAnnotations / "msrvtt_1kA_test.csv"});
        // Cancelled while the project is read: the token is set at the third video's report.
        CancelToken cancel;
        int reports = 0;
        const ProgressFn cancel_at_third = [&](double, const std::string& message) {
            QCOMPARE(message, std::string("collecting"));
            if (++reports == 3) {
                cancel.cancel();
            }
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 ProjectExporter::collect(project, {}, cancel_at_third, cancel));
        QCOMPARE(reports, 3);

        // Cancelled before the write: an existing file keeps its bytes, a new one never appears.
        const AnnotationDocument document = ProjectExporter::collect(project, {});
        const auto existing = in(dir, "existing.json");
        writeFile(existing, "previous");
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 AnnotationFormats::write("json", document, existing, {}, cancel));
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, AnnotationFormats::write("json", document, in(dir, "new.json"), {}, cancel));
        std::ifstream previous(existing);
        QCOMPARE(std::string(std::istreambuf_iterator<char>(previous), {}),
                 std::string("previous"));
        QVERIFY(!std::filesystem::exists(in(dir, "new.json")));
        int export_files = 0;  // the target and any temporary sibling of either
        for (const auto& entry : std::filesystem::directory_iterator(dir.path().toStdString())) {
            const std::string name = entry.path().filename().string();
            export_files += name.find("existing.json") != std::string::npos ||
                                    name.find("new.json") != std::string::npos
                                ? 1
                                : 0;
        }
        QCOMPARE(export_files, 1);

        // Not cancelled, the same write replaces the file.
        AnnotationFormats::write("json", document, existing, {}, CancelToken());
        QCOMPARE(AnnotationFormats::read("json", {existing}).segmentCount(),
                 document.segmentCount());
    }

    void hostileFilesFailWithPositionAndChangeNothing() {
        QTemporaryDir dir;
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        writeFile(in(dir, "COIN.json"), coinFixture());
        importInto(project, "coin", {in(dir, "COIN.json")});
        const auto before = snapshot(project);
        const auto check = [&](const std::string& format, const std::string& name,
                               const std::string& content,
                               const std::vector<std::string>& needles) {
            writeFile(in(dir, name), content);
            std::vector<std::string> all = {name};
            all.insert(all.end(), needles.begin(), needles.end());
            expectError([&] { importInto(project, format, {in(dir, name)}); }, all);
            EXPECT_SAME_DOCUMENTS(compareDocuments(before, snapshot(project)));
        };
        const std::string yc_head =
            "{\"database\": {\"v1\": {\"duration\": 100, \"subset\": \"training\", "
            "\"recipe_type\": \"1\", \"video_url\": \"u\", \"annotations\": [";
        check("youcook2", "types.json",
              yc_head + "{\"id\": 0, \"segment\": [\"1\", 2], \"sentence\": \"s\"}]}}}",
              {"/database/v1/annotations/0/segment/0", "expected a number"});
        check("youcook2", "missing.json", yc_head + "{\"id\": 0, \"segment\": [1, 2]}]}}}",
              {"/database/v1/annotations/0", "sentence"});
        check("youcook2", "negative.json",
              yc_head + "{\"id\": 0, \"segment\": [-1, 2], \"sentence\": \"s\"}]}}}",
              {"annotations/0", "negative"});
        check("youcook2", "reversed.json",
              yc_head + "{\"id\": 0, \"segment\": [9, 2], \"sentence\": \"s\"}]}}}",
              {"annotations/0", "before it starts"});
        check("youcook2", "past_end.json",
              yc_head + "{\"id\": 0, \"segment\": [90, 120], \"sentence\": \"s\"}]}}}",
              {"annotations/0", "past the end"});
        check("youcook2", "truncated.json", yc_head + "{\"id\": 0, \"segm",
              {"invalid JSON at byte", "line 1"});
        check("youcook2", "deep.json", std::string(100000, '[') + std::string(100000, ']'),
              {"nested deeper"});
        check("youcook2-clips", "utf8.csv",
              "end,start,task,text,video_id\n2,1,7,caf\xC3\xA9 ok,v\n4,3,7,bad \xC3\x28 byte,v\n",
              {"invalid UTF-8 at byte 56", "line 3"});
        check("youcook2-clips", "quote.csv",
              "end,start,task,text,video_id\n2,1,7,\"never closed,v\n", {"line 2", "never closed"});
        check("eaf", "bomb.eaf",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
              "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<ANNOTATION_DOCUMENT>&lol2;</"
              "ANNOTATION_DOCUMENT>\n",
              {"line 2", "DOCTYPE"});
        check("eaf", "broken.eaf",
              "<?xml version=\"1.0\"?>\n<ANNOTATION_DOCUMENT>\n<TIER "
              "TIER_ID=\"x\">\n</ANNOTATION_DOCUMENT>\n",
              {"line 4"});
        check("vtt", "nocue.vtt", "WEBVTT\n\n00:01.000 -> 00:02.000\nhello\n",
              {"line 3", "cue timing"});
        check("srt", "badtime.srt", "1\n00:00:01,000 --> 00:00:0x,000\nhi\n",
              {"line 2", "expected a number"});
        // Past the end of a video the project already knows: found by the importer.
        check("csv", "late.csv",
              "video,start_s,end_s,label\nzzvFJ2u7K3w,1,2,ok\nzzvFJ2u7K3w,50,70,late\n",
              {"line 3", "past the end"});
        // A second import of the same track is refused as a whole.
        expectError([&] { importInto(project, "coin", {in(dir, "COIN.json")}); },
                    {"already has a track named 'coin'"});
        EXPECT_SAME_DOCUMENTS(compareDocuments(before, snapshot(project)));

        // A cancelled import stops and leaves nothing behind.
        CancelToken cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(
            Cancelled,
            ProjectImporter::run(project,
                                 AnnotationFormats::read("youcook2-clips",
                                                         {kAnnotations / "youcook2_val_clips.csv"}),
                                 {}, nullptr, cancelled));
        EXPECT_SAME_DOCUMENTS(compareDocuments(before, snapshot(project)));

        // A 1 GB single-line JSON is refused before it is read (a sparse file: no disk used).
        const auto huge = in(dir, "huge.json");
        { std::ofstream(huge) << "{\"database\": {"; }
        std::filesystem::resize_file(huge, 1ull << 30);
        expectError([&] { importInto(project, "youcook2", {huge}); }, {"huge.json", "1024 MiB"});
        QCOMPARE(project.checkIntegrity(), std::string("ok"));
    }

    void cliImportsEditsAndExports() {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.actbert"));
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("create"), project}).exit_code,
                 0);
        writeFile(in(dir, "COIN.json"), coinFixture());
        auto result = runCli({QStringLiteral("import"), QStringLiteral("coin"),
                              dir.filePath(QStringLiteral("COIN.json")),
                              QStringLiteral("--project"), project});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.find("imported 3 items") != std::string::npos);
        writeFile(in(dir, "bad.json"), "{\"database\": {\"x\": {\"duration\": true}}}");
        result = runCli({QStringLiteral("import"), QStringLiteral("coin"),
                         dir.filePath(QStringLiteral("bad.json")), QStringLiteral("--project"),
                         project});
        QCOMPARE(result.exit_code, 1);
        QVERIFY2(result.err.find("bad.json: at /database/x/duration") != std::string::npos,
                 result.err.c_str());
        result = runCli({QStringLiteral("project"), QStringLiteral("info"), project,
                         QStringLiteral("--tracks")});
        QVERIFY2(result.out.find("tracks steps: 2 with 3 items") != std::string::npos,
                 result.out.c_str());

        // Scripted edits: split, undo, redo, then export sees the edit.
        result = runCli({QStringLiteral("edit"), QStringLiteral("split"),
                         QStringLiteral("--project"), project, QStringLiteral("--item"),
                         QStringLiteral("1"), QStringLiteral("--time"), QStringLiteral("21")});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.find("created item 4") != std::string::npos);
        QVERIFY(runCli({QStringLiteral("edit"), QStringLiteral("undo"), QStringLiteral("--project"),
                        project})
                    .out.find("undone edit 1") != std::string::npos);
        QVERIFY(runCli({QStringLiteral("edit"), QStringLiteral("redo"), QStringLiteral("--project"),
                        project})
                    .out.find("redone edit 1") != std::string::npos);
        result = runCli({QStringLiteral("edit"), QStringLiteral("move"),
                         QStringLiteral("--project"), project, QStringLiteral("--item"),
                         QStringLiteral("1"), QStringLiteral("--edge"), QStringLiteral("end"),
                         QStringLiteral("--frame"), QStringLiteral("5")});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.find("not a valid range") != std::string::npos);
        const QString out = dir.filePath(QStringLiteral("out.json"));
        QCOMPARE(runCli({QStringLiteral("export"), QStringLiteral("coin"),
                         QStringLiteral("--project"), project, QStringLiteral("--out"), out})
                     .exit_code,
                 0);
        const auto exported = nlohmann::json::parse(readFile(out.toStdString()));
        QCOMPARE(exported["database"]["-0og5yXaJIk"]["annotation"].size(), std::size_t(3));
        QCOMPARE(exported["database"]["-0og5yXaJIk"]["annotation"][1]["segment"][0].get<double>(),
                 21.0);
    }

    void killedCliImportChangesNothing() {
        // SIGKILL gives the command no chance to clean up: the store's transaction alone keeps
        // the project as it was.
        QTemporaryDir dir;
        const QString project = createProject(dir);
        QProcess child;
        startBigImport(dir, project, child);
        QVERIFY(waitUntilImporting(child));
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(60000));
        QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                 "the import finished before the kill landed; make it bigger");
        const QByteArray out = child.readAllStandardOutput();
        QVERIFY2(!out.contains("imported"), out.constData());
        store::Project opened(project.toStdString(), store::Project::OpenMode::OpenExisting);
        QCOMPARE(opened.checkIntegrity(), std::string("ok"));
        QCOMPARE(itemCount(opened), 0);
        QCOMPARE(opened.videos().count(), 0);
    }

    void interruptedCliImportChangesNothingAndExits130() {
        // Ctrl-C: the command stops at its next safe point, rolls back and says so.
        QTemporaryDir dir;
        const QString project = createProject(dir);
        QProcess child;
        startBigImport(dir, project, child);
        QVERIFY(waitUntilImporting(child));
        ::kill(static_cast<pid_t>(child.processId()), SIGINT);
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        const QByteArray out = child.readAllStandardOutput();
        const QByteArray err = child.readAllStandardError();
        QVERIFY2(!out.contains("imported"),
                 "the import finished before the interrupt landed; make it bigger");
        QCOMPARE(child.exitCode(), 130);
        QVERIFY2(err.contains("interrupted"), err.constData());
        // The command closed the project cleanly: no write-ahead log or temporary file is left.
        QStringList left = QDir(dir.path()).entryList(QDir::Files);
        left.sort();
        QCOMPARE(left, (QStringList{QStringLiteral("coin_big.json"), QStringLiteral("p.actbert")}));
        store::Project opened(project.toStdString(), store::Project::OpenMode::OpenExisting);
        QCOMPARE(opened.checkIntegrity(), std::string("ok"));
        QCOMPARE(itemCount(opened), 0);
        QCOMPARE(opened.videos().count(), 0);
    }

private:
    static QString createProject(const QTemporaryDir& dir) {
        const QString project = dir.filePath(QStringLiteral("p.actbert"));
        { store::Project created(project.toStdString(), store::Project::OpenMode::CreateNew); }
        return project;
    }

    // `actbert import coin` of a COIN-sized file (11,827 videos, 46,354 segments) into `project`.
    static void startBigImport(const QTemporaryDir& dir, const QString& project, QProcess& child) {
        nlohmann::json database = nlohmann::json::object();
        for (int v = 0; v < 11827; ++v) {
            nlohmann::json list = nlohmann::json::array();
            const int count = 3 + (v % 5 == 0 ? 2 : 1) - (v % 7 == 0 ? 1 : 0);
            for (int s = 0; s < count; ++s) {
                list.push_back({{"id", std::to_string(v % 778)},
                                {"segment", {s * 10.0, s * 10.0 + 5.5}},
                                {"label", "step " + std::to_string(v % 778)}});
            }
            database["v" + std::to_string(v)] = {{"recipe_type", v % 180}, {"class", "Task"},
                                                 {"subset", "training"},   {"duration", 100.0},
                                                 {"video_url", "u"},       {"annotation", list}};
        }
        writeFile(in(dir, "coin_big.json"), nlohmann::json({{"database", database}}).dump());
        child.start(
            QStringLiteral(ACTBERT_CLI_PATH),
            {QStringLiteral("import"), QStringLiteral("coin"),
             dir.filePath(QStringLiteral("coin_big.json")), QStringLiteral("--project"), project});
    }

    // True once the import reported progress inside its transaction (the progress printer's
    // first line comes after the first 2,048 items were written, long before the commit),
    // with the command still running.
    static bool waitUntilImporting(QProcess& child) {
        if (!child.waitForStarted()) {
            return false;
        }
        // waitForReadyRead() waits for the read channel: make it the one progress goes to.
        child.setReadChannel(QProcess::StandardError);
        QByteArray err;
        while (!err.contains("importing")) {
            if (!child.waitForReadyRead(60000)) {
                qWarning("no progress from the import: %s", err.constData());
                return false;
            }
            err += child.readAllStandardError();
        }
        return child.state() == QProcess::Running;
    }
};

QTEST_GUILESS_MAIN(TestData)
#include "test_data.moc"
