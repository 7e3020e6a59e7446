// `actbert score captioning`, run as a user would.

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "eval/eval_test_support.h"

using actbert::eval::testing::runCli;
using actbert::eval::testing::sharedData;

namespace {

QString writeFile(const QTemporaryDir& dir, const char* name, const std::string& text) {
    const auto path = dir.filePath(QString::fromUtf8(name));
    std::ofstream(path.toStdString()) << text;
    return path;
}

}  // namespace

class TestCaptionCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonHasTheIssuesKeys() {
        QTemporaryDir dir;
        const auto predictions = writeFile(
            dir, "p.json", R"({"v1_0": "Chop the onion.", "v1_1": "boil water", "v2_0": "x"})");
        const auto truth = writeFile(
            dir, "g.json",
            R"({"v1_0": ["chop the onion"], "v1_1": ["heat oil", "boil the water"], "v2_0": "y"})");
        const auto result = runCli(
            {QStringLiteral("score"), QStringLiteral("captioning"), QStringLiteral("--predictions"),
             predictions, QStringLiteral("--ground-truth"), truth, QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        const auto json = nlohmann::json::parse(result.out.toStdString());
        for (const char* key : {"bleu1", "bleu2", "bleu3", "bleu4", "meteor", "rouge_l", "cider"}) {
            QVERIFY2(json.contains(key) && json[key].is_number(), key);
            QVERIFY2(json["macro"].contains(key), key);
        }
        QCOMPARE(json["meteor_definition"].get<std::string>(),
                 std::string("METEOR 1.5, exact+stem+synonym, no paraphrase"));
        QCOMPARE(json["segments"].get<int>(), 3);
        QCOMPARE(json["videos"].get<int>(), 2);
        // BLEU-1: 3 + 2 of 6 candidate words match (punctuation dropped); the closest
        // reference lengths 3 + 2 ("heat oil") + 1 = 6 equal c, so no brevity penalty.
        QVERIFY(std::abs(json["bleu1"].get<double>() - 5.0 / 6.0) < 1e-9);
        QVERIFY(json["meteor"].get<double>() > 0 && json["meteor"].get<double>() < 1);
    }

    void textOutputNamesMeteorDefinition() {
        QTemporaryDir dir;
        const auto predictions = writeFile(dir, "p.json", R"({"a_0": "cut bread"})");
        const auto truth = writeFile(dir, "g.json", R"({"a_0": ["cut bread"]})");
        const auto result = runCli({QStringLiteral("score"), QStringLiteral("captioning"),
                                    QStringLiteral("--predictions"), predictions,
                                    QStringLiteral("--ground-truth"), truth});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(
            result.out.contains(QStringLiteral("METEOR 1.5, exact+stem+synonym, no paraphrase")));
        QVERIFY(result.out.contains(QStringLiteral("METEOR   100.00")));
    }

    void youcook2AnnotationFile() {
        const auto annotations = sharedData("annotations/youcookii_annotations_trainval.json");
        std::ifstream in(annotations);
        const auto database = nlohmann::json::parse(in)["database"];
        nlohmann::json predictions = nlohmann::json::object();
        int count = 0;
        for (const auto& [video, entry] : database.items()) {
            for (const auto& annotation : entry["annotations"]) {
                predictions[video + "_" + std::to_string(annotation["id"].get<int>())] =
                    annotation["sentence"];
                if (++count == 5) {
                    break;
                }
            }
            if (count >= 5) {
                break;
            }
        }
        QTemporaryDir dir;
        const auto path = writeFile(dir, "p.json", predictions.dump());
        const auto result =
            runCli({QStringLiteral("score"), QStringLiteral("captioning"),
                    QStringLiteral("--predictions"), path, QStringLiteral("--ground-truth"),
                    QString::fromStdString(annotations.string()), QStringLiteral("--json")});
        QCOMPARE(result.exit_code, 0);
        const auto json = nlohmann::json::parse(result.out.toStdString());
        QCOMPARE(json["segments"].get<int>(), 5);
        QVERIFY(std::abs(json["bleu4"].get<double>() - 1.0) < 1e-9);
        // Every segment identical to its reference: one chunk each, so the summed statistics
        // keep a small fragmentation penalty (coco-caption's aggregation); below 1, above 0.5.
        QVERIFY(json["meteor"].get<double>() < 1.0 && json["meteor"].get<double>() > 0.5);
        QVERIFY(std::abs(json["rouge_l"].get<double>() - 1.0) < 1e-12);
    }

    void badInputIsAClearError() {
        QTemporaryDir dir;
        const auto broken = writeFile(dir, "broken.json", "{\"a_0\": ");
        const auto truth = writeFile(dir, "g.json", R"({"a_0": ["cut bread"], "a_1": ["x"]})");
        const auto predictions = writeFile(dir, "p.json", R"({"a_0": "cut bread"})");
        auto result = runCli({QStringLiteral("score"), QStringLiteral("captioning"),
                              QStringLiteral("--predictions"), broken,
                              QStringLiteral("--ground-truth"), truth});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("broken.json")));
        result = runCli({QStringLiteral("score"), QStringLiteral("captioning"),
                         QStringLiteral("--predictions"), predictions,
                         QStringLiteral("--ground-truth"), truth});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("a_1")));
        result = runCli({QStringLiteral("score"), QStringLiteral("captioning")});
        QCOMPARE(result.exit_code, 2);
    }
};

namespace actbert::eval::testing {
int runCaptionCliTests(int argc, char** argv) {
    TestCaptionCli test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::eval::testing

#include "test_caption_cli.moc"
