#pragma once
// Shared helpers of the text tests: where the real data lives, running the CLI, and the
// entry points of each test class (one executable, several QObject test classes).

#include <QProcess>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <string>
#include <vector>

namespace actbert::text::testing {

inline std::filesystem::path sharedData(const std::string& relative) {
    return std::filesystem::path(ACTBERT_SHARED_DATA_DIR) / relative;
}

inline std::filesystem::path bertVocabPath() {
    return sharedData("text/bert-base-uncased-vocab.txt");
}

struct CliResult {
    int exit_code = -1;
    QString out;
    QString err;
};

// Runs the `actbert` executable with `arguments`; stdin gets `input`.
inline CliResult runCli(const QStringList& arguments, const QByteArray& input = {}) {
    QProcess process;
    process.start(QStringLiteral(ACTBERT_CLI_PATH), arguments);
    process.waitForStarted();
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    process.waitForFinished(120000);
    CliResult result;
    result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

int runTokenizerTests(int argc, char** argv);
int runTrainerTests(int argc, char** argv);
int runVerbTests(int argc, char** argv);
int runNarrationTests(int argc, char** argv);
int runActionTests(int argc, char** argv);
int runCliTests(int argc, char** argv);

}  // namespace actbert::text::testing
