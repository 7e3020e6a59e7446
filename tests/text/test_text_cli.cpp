// The text commands of the `actbert` executable, run as a user would.

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "text/text_test_support.h"

using actbert::text::testing::bertVocabPath;
using actbert::text::testing::runCli;

namespace {

QString vocabArgument() {
    return QString::fromStdString(bertVocabPath().string());
}

}  // namespace

class TestTextCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokenizePrintsOneLinePerText() {
        const auto result =
            runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), vocabArgument(),
                    QStringLiteral("Hello world!"), QStringLiteral("chop the onions")});
        QCOMPARE(result.exit_code, 0);
        QCOMPARE(result.out, QStringLiteral("101 7592 2088 999 102\n101 24494 1996 24444 102\n"));
    }

    void tokenizeDashDashAllowsDashesAndEmptyTexts() {
        const auto result =
            runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), vocabArgument(),
                    QStringLiteral("--tokens"), QStringLiteral("--"), QStringLiteral("--pair"),
                    QString(), QStringLiteral("-well-known")});
        QCOMPARE(result.exit_code, 0);
        QCOMPARE(result.out, QStringLiteral("[CLS] - - pair [SEP]\n[CLS] [SEP]\n"
                                            "[CLS] - well - known [SEP]\n"));
    }

    void tokenizePairsWithTruncationAndPadding() {
        const auto result =
            runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), vocabArgument(),
                    QStringLiteral("--pair"), QStringLiteral("--max-length"), QStringLiteral("9"),
                    QStringLiteral("--pad"), QStringLiteral("a b c d"), QStringLiteral("x")});
        QCOMPARE(result.exit_code, 0);
        // [CLS] a b c d [SEP] x [SEP] [PAD]
        QCOMPARE(result.out, QStringLiteral("101 1037 1038 1039 1040 102 1060 102 0\n"));
    }

    void tokenizeReportsBadUsageAndBadVocab() {
        auto result = runCli({QStringLiteral("tokenize"), QStringLiteral("hello")});
        QCOMPARE(result.exit_code, 2);
        QVERIFY(result.err.contains(QStringLiteral("--vocab")));
        result = runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), vocabArgument(),
                         QStringLiteral("--pair"), QStringLiteral("one")});
        QCOMPARE(result.exit_code, 2);
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("vocab.txt"));
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        result = runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), empty,
                         QStringLiteral("hello")});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains(QStringLiteral("empty")));
        QVERIFY(result.err.contains(empty));
    }

    void verbsPrintsLemmasPerText() {
        const auto result = runCli({QStringLiteral("verbs"), QStringLiteral("Heat the oil"),
                                    QStringLiteral("oil the pan and add chopped garlic"),
                                    QStringLiteral("nice colors")});
        QCOMPARE(result.exit_code, 0);
        QCOMPARE(result.out, QStringLiteral("heat\noil add\n\n"));
        const auto details = runCli({QStringLiteral("verbs"), QStringLiteral("--details"),
                                     QStringLiteral("then we're putting in the rice")});
        QCOMPARE(details.out, QStringLiteral("1\tput\tputting\tput_in\n"));
        const auto missing = runCli({QStringLiteral("verbs"), QStringLiteral("--wordnet"),
                                     QStringLiteral("/nonexistent"), QStringLiteral("add")});
        QCOMPARE(missing.exit_code, 1);
        QVERIFY(missing.err.contains(QStringLiteral("wordnet-base")));
    }

    void actionsBuildWritesJson() {
        QTemporaryDir dir;
        const QString srt = dir.filePath(QStringLiteral("cook.srt"));
        QFile file(srt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "1\n00:00:00,000 --> 00:00:03,000\nChop the onions.\n\n"
            "2\n00:00:04,000 --> 00:00:07,000\nThis is my favourite pan.\n\n"
            "3\n00:00:08,000 --> 00:00:11,000\nFry the onions and add salt.\n");
        file.close();
        const QString csv = QString::fromStdString(
            actbert::text::testing::sharedData("annotations/howto100m_captions/2Mn5sVpFDTg.csv")
                .string());
        const QString out = dir.filePath(QStringLiteral("actions.json"));
        const auto result = runCli({QStringLiteral("actions"), QStringLiteral("build"), srt, csv,
                                    QStringLiteral("--out"), out, QStringLiteral("--min-count"),
                                    QStringLiteral("1")});
        QCOMPARE(result.exit_code, 0);
        QFile json_file(out);
        QVERIFY(json_file.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(json_file.readAll().toStdString());
        QVERIFY(json["verbs"].size() > 3);
        QVERIFY(json["dropped"].get<int>() >= 1);
        bool found_cook = false;
        for (const auto& clip : json["clips"]) {
            if (clip["video"] == "cook" && clip["start_s"] == 8.0) {
                QVERIFY(clip["labels"] == nlohmann::json::array({"add", "fry"}));
                QVERIFY(clip["weights"] == nlohmann::json::array({0.5, 0.5}));
                found_cook = true;
            }
        }
        QVERIFY(found_cook);
        const auto usage = runCli(
            {QStringLiteral("actions"), QStringLiteral("make"), csv, QStringLiteral("--out"), out});
        QCOMPARE(usage.exit_code, 2);
        const auto bad =
            runCli({QStringLiteral("actions"), QStringLiteral("build"),
                    QStringLiteral("/nonexistent/a.csv"), QStringLiteral("--out"), out});
        QCOMPARE(bad.exit_code, 1);
        QVERIFY(bad.err.contains(QStringLiteral("/nonexistent/a.csv")));
    }

    void vocabTrainWritesAUsableVocab() {
        QTemporaryDir dir;
        const QString corpus = dir.filePath(QStringLiteral("corpus.txt"));
        QFile file(corpus);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("chop the onions\nchop the garlic\nstir the onions\n");
        file.close();
        const QString csv = QString::fromStdString(
            actbert::text::testing::sharedData("annotations/howto100m_captions/2Mn5sVpFDTg.csv")
                .string());
        const QString out = dir.filePath(QStringLiteral("vocab.txt"));
        const auto result =
            runCli({QStringLiteral("vocab"), QStringLiteral("train"), corpus, csv,
                    QStringLiteral("--size"), QStringLiteral("200"), QStringLiteral("--out"), out,
                    QStringLiteral("--min-pair-count"), QStringLiteral("1")});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.contains(QStringLiteral("200 tokens")));
        const auto tokens = runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), out,
                                    QStringLiteral("--tokens"), QStringLiteral("Chop the onions")});
        QCOMPARE(tokens.exit_code, 0);
        QCOMPARE(tokens.out, QStringLiteral("[CLS] chop the onions [SEP]\n"));
        const auto missing = runCli({QStringLiteral("vocab"), QStringLiteral("train"), corpus,
                                     QStringLiteral("--out"), out});
        QCOMPARE(missing.exit_code, 2);
    }

    void tokenizeReadsStdin() {
        const auto result =
            runCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), vocabArgument(),
                    QStringLiteral("--stdin"), QStringLiteral("--no-special")},
                   QByteArray("Hello\nworld!\n"));
        QCOMPARE(result.exit_code, 0);
        QCOMPARE(result.out, QStringLiteral("7592\n2088 999\n"));
    }
};

namespace actbert::text::testing {
int runCliTests(int argc, char** argv) {
    TestTextCli test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::text::testing

#include "test_text_cli.moc"
