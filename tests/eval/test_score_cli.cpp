// `actbert score retrieval|segmentation|localisation|qa`, run as a user would, on small files
// in the documented and the benchmarks' own formats (docs/prediction-formats.md).

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "eval/eval_test_support.h"

using actbert::eval::testing::ProcessResult;
using actbert::eval::testing::runCli;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const std::string& text) {
    const auto path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::ofstream(path.toStdString()) << text;
    return path;
}

ProcessResult score(const QString& task, const QStringList& options) {
    return runCli(QStringList{QStringLiteral("score"), task} + options);
}

nlohmann::json jsonOf(const ProcessResult& result) {
    return nlohmann::json::parse(result.out.toStdString());
}

bool near(const nlohmann::json& value, double expected) {
    return value.is_number() && std::abs(value.get<double>() - expected) < 1e-9;
}

// The keys the issue names, each task's exactly.
void checkKeys(const nlohmann::json& json, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        QVERIFY2(json.contains(key), key);
    }
}

const std::string kTasksPrimary =
    "23521\nMake Jello Shots\nhttps://www.wikihow.com/x\n3\npour water,add jello,stir mixture\n"
    "\n59684\nBuild Simple Floating Shelves\nhttps://www.wikihow.com/y\n2\ncut wood,"
    "drill hole\n\n";

}  // namespace

class TestScoreCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void retrievalJson() {
        QTemporaryDir dir;
        // The 4x4 tie case (design/tasks.md), truth on the diagonal by default.
        const auto predictions = writeFile(
            dir, QStringLiteral("r.json"),
            R"({"scores": [[0.9,0.1,0.2,0.3],[0.1,0.8,0.2,0.3],[0.1,0.9,0.5,0.3],[0.1,0.2,0.7,0.7]]})");
        const auto result =
            score(QStringLiteral("retrieval"),
                  {QStringLiteral("--predictions"), predictions, QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        const auto json = jsonOf(result);
        checkKeys(json, {"r1", "r5", "r10", "median_rank", "mean_rank"});
        QVERIFY(near(json["r1"], 0.5));
        QVERIFY(near(json["r10"], 1.0));
        QVERIFY(near(json["median_rank"], 1.0));
        QVERIFY(near(json["mean_rank"], 1.5));
        // An explicit truth column per query.
        const auto with_truth = writeFile(dir, QStringLiteral("t.json"),
                                          R"({"scores": [[0.1, 0.9, 0.5]], "truth": [2]})");
        const auto text =
            score(QStringLiteral("retrieval"), {QStringLiteral("--predictions"), with_truth});
        QCOMPARE(text.exit_code, 0);
        QVERIFY(text.out.contains(QStringLiteral("R@1   0.00")));
        QVERIFY(text.out.contains(QStringLiteral("MedR  2")));
    }

    void segmentationJsonAndBackground() {
        QTemporaryDir dir;
        const auto predictions = writeFile(
            dir, QStringLiteral("p.json"),
            R"({"videos": {"a": ["x","x","y","y","background","x"], "b": ["background","z"],
                           "empty": []}})");
        const auto truth = writeFile(
            dir, QStringLiteral("g.json"),
            R"({"videos": {"a": ["x","x","x","y","y","y"], "b": ["background","background"],
                           "empty": []}})");
        auto result = score(QStringLiteral("segmentation"),
                            {QStringLiteral("--predictions"), predictions,
                             QStringLiteral("--ground-truth"), truth, QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        auto json = jsonOf(result);
        checkKeys(json, {"frame_accuracy", "edit", "f1_10", "f1_25", "f1_50"});
        // 3 of 6 frames of a and 1 of 2 of b; edit: a 2/3, b 0 (all-background truth).
        QVERIFY(near(json["frame_accuracy"], 4.0 / 8.0));
        QVERIFY(near(json["edit"], (2.0 / 3.0 + 0.0) / 2.0));
        // F1@10: a's x:[0,2) against x:[0,3) IoU 2/3 TP, y:[2,4) against y:[3,6) IoU 1/4 TP,
        // x:[5,6) against x:[0,3) disjoint FP; b's z FP -> TP 2, FP 2, FN 0.
        QVERIFY(near(json["f1_10"], 2.0 * 0.5 * 1.0 / 1.5));
        // No background class: "background" runs are segments too, so b's truth has one.
        result =
            score(QStringLiteral("segmentation"),
                  {QStringLiteral("--predictions"), predictions, QStringLiteral("--ground-truth"),
                   truth, QStringLiteral("--background"), QString(), QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        json = jsonOf(result);
        QVERIFY(near(json["frame_accuracy"], 4.0 / 8.0));
        QVERIFY(near(json["edit"], (1.0 - 2.0 / 4.0 + 0.5) / 2.0));
    }

    void segmentationMsTcnFolder() {
        QTemporaryDir dir;
        writeFile(dir, QStringLiteral("groundTruth/v1.txt"), "SIL\ncut\ncut\nSIL\n");
        const auto predictions = writeFile(dir, QStringLiteral("p.json"),
                                           R"({"videos": {"v1": ["SIL","cut","cut","cut"]}})");
        const auto result =
            score(QStringLiteral("segmentation"),
                  {QStringLiteral("--predictions"), predictions, QStringLiteral("--ground-truth"),
                   dir.filePath(QStringLiteral("groundTruth")), QStringLiteral("--background"),
                   QStringLiteral("SIL")});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.contains(QStringLiteral("frame accuracy  75.00")));
        QVERIFY(result.out.contains(QStringLiteral("edit            100.00")));
        QVERIFY(result.out.contains(QStringLiteral("F1@50           100.00")));  // IoU 2/3
        const auto missing = writeFile(dir, QStringLiteral("m.json"), R"({"videos": {"v2": []}})");
        const auto error =
            score(QStringLiteral("segmentation"),
                  {QStringLiteral("--predictions"), missing, QStringLiteral("--ground-truth"),
                   dir.filePath(QStringLiteral("groundTruth"))});
        QCOMPARE(error.exit_code, 1);
        QVERIFY(error.err.contains(QStringLiteral("v2.txt")));
    }

    void localisationCrossTaskFolder() {
        QTemporaryDir dir;
        writeFile(dir, QStringLiteral("crosstask/tasks_primary.txt"), kTasksPrimary);
        // Step 1 true over seconds 1-2, step 3 over 4; step 2 never annotated.
        writeFile(dir, QStringLiteral("crosstask/annotations/23521_vid_A1.csv"),
                  "1,1.2,3.0\n3,4.0,5.0\n");
        writeFile(dir, QStringLiteral("crosstask/annotations/59684_vidB.csv"), "2,0.5,1.5\n");
        // vid_A1 peaks: step 1 at 2 (hit), step 2 at 3, step 3 at 5 (miss) -> 1 of 2.
        // vidB: step 1 at 0, step 2 at 2 (true {0, 1}: miss) -> 0 of 1.
        const auto predictions = writeFile(dir, QStringLiteral("p.json"), R"({"videos": {
            "vid_A1": {"task": "23521", "scores": [[0,0,0],[0,0,0],[9,0,0],[0,9,0],[0,0,0],[0,0,9]]},
            "vidB": {"task": "59684", "scores": [[9,0],[0,0],[0,9]]}}})");
        const auto result =
            score(QStringLiteral("localisation"),
                  {QStringLiteral("--predictions"), predictions, QStringLiteral("--ground-truth"),
                   dir.filePath(QStringLiteral("crosstask")), QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        const auto json = jsonOf(result);
        checkKeys(json, {"recall", "recall_per_task"});
        QVERIFY(near(json["recall_per_task"]["23521"], 0.5));
        QVERIFY(near(json["recall_per_task"]["59684"], 0.0));
        QVERIFY(near(json["recall"], 0.25));
        // A prediction of the wrong width names the file and the video.
        const auto wrong =
            writeFile(dir, QStringLiteral("w.json"),
                      R"({"videos": {"vidB": {"task": "59684", "scores": [[1,2,3],[1,2,3]]}}})");
        const auto error =
            score(QStringLiteral("localisation"),
                  {QStringLiteral("--predictions"), wrong, QStringLiteral("--ground-truth"),
                   dir.filePath(QStringLiteral("crosstask"))});
        QCOMPARE(error.exit_code, 1);
        QVERIFY(error.err.contains(QStringLiteral("w.json")) &&
                error.err.contains(QStringLiteral("vidB")));
    }

    void localisationJsonTruth() {
        QTemporaryDir dir;
        const auto truth = writeFile(dir, QStringLiteral("g.json"), R"({"videos": {
            "v": {"task": "T", "duration_s": 4, "num_steps": 2, "steps": [[1, 0, 1], [2, 3, 4]]}}})");
        const auto predictions = writeFile(dir, QStringLiteral("p.json"), R"({"videos": {
            "v": {"task": "T", "scores": [[5,0],[0,0],[0,0],[0,5]]}}})");
        auto result = score(QStringLiteral("localisation"),
                            {QStringLiteral("--predictions"), predictions,
                             QStringLiteral("--ground-truth"), truth, QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(near(jsonOf(result)["recall"], 1.0));
        // Without num_steps the count comes from a tasks_primary.txt beside the file.
        const auto bare = writeFile(dir, QStringLiteral("b.json"), R"({"videos": {
            "v": {"task": "T", "duration_s": 4, "steps": [[1, 0, 1]]}}})");
        result = score(
            QStringLiteral("localisation"),
            {QStringLiteral("--predictions"), predictions, QStringLiteral("--ground-truth"), bare});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("num_steps")));
        writeFile(dir, QStringLiteral("tasks_primary.txt"), "T\nTask\nurl\n2\na,b\n");
        result = score(QStringLiteral("localisation"),
                       {QStringLiteral("--predictions"), predictions,
                        QStringLiteral("--ground-truth"), bare, QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(near(jsonOf(result)["recall_per_task"]["T"], 1.0));
    }

    void qaMsrvttFile() {
        QTemporaryDir dir;
        const auto truth = writeFile(dir, QStringLiteral("MSR_MC_test.csv"),
                                     "video7010\ta man cooks\ta dog runs\ta car\tsinging\ttalk\t0\n"
                                     "video7011\ta\tb\tc\td\te\t3\n"
                                     "video7012\ta\tb\tc\td\te\t4\n");
        const auto predictions =
            writeFile(dir, QStringLiteral("p.json"),
                      R"({"answers": {"video7010": 0, "video7011": 2, "video7012": 4}})");
        auto result = score(QStringLiteral("qa"),
                            {QStringLiteral("--predictions"), predictions,
                             QStringLiteral("--ground-truth"), truth, QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        const auto json = jsonOf(result);
        checkKeys(json, {"accuracy"});
        QVERIFY(near(json["accuracy"], 2.0 / 3.0));
        // A missing answer and a malformed row are errors naming what is wrong.
        const auto partial =
            writeFile(dir, QStringLiteral("q.json"), R"({"answers": {"video7010": 0}})");
        result = score(QStringLiteral("qa"), {QStringLiteral("--predictions"), partial,
                                              QStringLiteral("--ground-truth"), truth});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("video7011")));
        const auto broken = writeFile(dir, QStringLiteral("bad.csv"), "video1\ta\tb\t0\n");
        result = score(QStringLiteral("qa"), {QStringLiteral("--predictions"), predictions,
                                              QStringLiteral("--ground-truth"), broken});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("bad.csv")) &&
                result.err.contains(QStringLiteral("line 1")));
    }

    void malformedJsonNamesTheFile() {
        QTemporaryDir dir;
        const auto broken = writeFile(dir, QStringLiteral("broken.json"), "{\"scores\": [[1, ");
        auto result = score(QStringLiteral("retrieval"), {QStringLiteral("--predictions"), broken});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("broken.json")));
        const auto ragged =
            writeFile(dir, QStringLiteral("ragged.json"), R"({"scores": [[1, 2], [3]]})");
        result = score(QStringLiteral("retrieval"), {QStringLiteral("--predictions"), ragged});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("ragged.json")) &&
                result.err.contains(QStringLiteral("row 1")));
        const auto shorter =
            writeFile(dir, QStringLiteral("s.json"), R"({"videos": {"a": ["x"]}})");
        const auto longer =
            writeFile(dir, QStringLiteral("l.json"), R"({"videos": {"a": ["x", "x"]}})");
        result = score(QStringLiteral("segmentation"), {QStringLiteral("--predictions"), shorter,
                                                        QStringLiteral("--ground-truth"), longer});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("\"a\" has 1 frames")));
    }

    void badUsageExitsTwo() {
        QTemporaryDir dir;
        const auto file = writeFile(dir, QStringLiteral("p.json"), R"({"answers": {"k": 0}})");
        const QList<QStringList> wrong = {
            {QStringLiteral("score")},
            {QStringLiteral("score"), QStringLiteral("ranking")},
            {QStringLiteral("score"), QStringLiteral("qa"), QStringLiteral("--predictions"), file},
            {QStringLiteral("score"), QStringLiteral("segmentation"),
             QStringLiteral("--ground-truth"), file},
            {QStringLiteral("score"), QStringLiteral("qa"), QStringLiteral("--predictions"), file,
             QStringLiteral("--ground-truth"), file, QStringLiteral("--background"),
             QStringLiteral("bg")},
            {QStringLiteral("score"), QStringLiteral("retrieval"), QStringLiteral("--predictions"),
             file, QStringLiteral("extra")},
        };
        for (const auto& arguments : wrong) {
            const auto result = runCli(arguments);
            QVERIFY2(result.exit_code == 2, qPrintable(arguments.join(QLatin1Char(' '))));
        }
        const auto help = runCli({QStringLiteral("score"), QStringLiteral("--help")});
        QCOMPARE(help.exit_code, 0);
        for (const char* task : {"retrieval", "segmentation", "localisation", "qa", "captioning"}) {
            QVERIFY2(help.out.contains(QString::fromUtf8(task)), task);
        }
    }
};

namespace actbert::eval::testing {
int runScoreCliTests(int argc, char** argv) {
    TestScoreCli test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::eval::testing

#include "test_score_cli.moc"
