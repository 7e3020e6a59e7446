#pragma once
// Shared helpers of the app tests: running the command line in this process (to walk the whole
// command table quickly) or as the real `actbert` executable, and each test class's entry.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace actbert::cli::testing {

struct CliRun {
    int exit_code = -1;
    QString out;
    QString err;
};

// runCli() of the dispatcher in this process, with std::cout and std::cerr captured.
CliRun runInProcess(const QStringList& words);
// The `actbert` executable as a child process.
CliRun runExecutable(const QStringList& words);

int runTableTests(int argc, char** argv);

}  // namespace actbert::cli::testing
