// test_app: the command line (app/cli) in one executable: its command table, option parsing,
// exit statuses, generated help, and Ctrl-C.

#include <QCoreApplication>

#include <iostream>
#include <sstream>

#include "app/app_test_support.h"
#include "app/cli/cli_dispatch.h"

namespace actbert::cli::testing {

CliRun runInProcess(const QStringList& words) {
    std::ostringstream out;
    std::ostringstream err;
    auto* const old_out = std::cout.rdbuf(out.rdbuf());
    auto* const old_err = std::cerr.rdbuf(err.rdbuf());
    CliRun run;
    run.exit_code = runCli(words);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    run.out = QString::fromStdString(out.str());
    run.err = QString::fromStdString(err.str());
    return run;
}

CliRun runExecutable(const QStringList& words) {
    QProcess process;
    process.start(QStringLiteral(ACTBERT_CLI_PATH), words);
    process.waitForStarted();
    process.closeWriteChannel();
    process.waitForFinished(120000);
    CliRun run;
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

}  // namespace actbert::cli::testing

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    using namespace actbert::cli::testing;
    int failures = 0;
    failures += runTableTests(argc, argv);
    // A count of failures is no exit status: 256 failures would read as success.
    return failures == 0 ? 0 : 1;
}
