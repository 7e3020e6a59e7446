#pragma once
// Shared helpers of the eval tests: running the CLI and Debian's python3 (the independent
// reference implementations), and each test class's entry point.

#include <QProcess>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <string>

namespace actbert::eval::testing {

inline std::filesystem::path sharedData(const std::string& relative) {
    return std::filesystem::path(ACTBERT_SHARED_DATA_DIR) / relative;
}

struct ProcessResult {
    int exit_code = -1;
    QString out;
    QString err;
};

inline ProcessResult runProcess(const QString& program, const QStringList& arguments,
                                const QByteArray& input = {}) {
    QProcess process;
    process.start(program, arguments);
    process.waitForStarted();
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    ProcessResult result;
    result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

inline ProcessResult runCli(const QStringList& arguments) {
    return runProcess(QStringLiteral(ACTBERT_CLI_PATH), arguments);
}

// Debian's python3 with nltk (the python3 on PATH lacks it); the script reads stdin.
inline ProcessResult runPython(const QByteArray& script, const QByteArray& input) {
    return runProcess(QStringLiteral("/usr/bin/python3"),
                      {QStringLiteral("-c"), QString::fromUtf8(script)}, input);
}

int runCaptionMetricTests(int argc, char** argv);
int runCaptionCliTests(int argc, char** argv);
int runTaskMetricTests(int argc, char** argv);
int runScoreCliTests(int argc, char** argv);

}  // namespace actbert::eval::testing
