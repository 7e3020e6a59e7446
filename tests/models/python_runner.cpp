#include "tests/models/python_runner.h"

#include <QProcess>

namespace actbert::tests {

PythonResult runPython(const std::string& script, const std::vector<std::string>& arguments,
                       int timeout_ms) {
    QStringList words{QStringLiteral("-c"), QString::fromStdString(script)};
    for (const auto& argument : arguments) {
        words << QString::fromStdString(argument);
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("/usr/bin/python3"), words);
    PythonResult result;
    if (!process.waitForStarted()) {
        result.output = "cannot start /usr/bin/python3";
        return result;
    }
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        result.output = "python reference timed out: " + process.readAll().toStdString();
        return result;
    }
    result.output = process.readAll().toStdString();
    result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

}  // namespace actbert::tests
