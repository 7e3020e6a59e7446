// The text commands of the `actbert` executable, run as a user would.

#include <QTemporaryDir>
#include <QTest>

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
