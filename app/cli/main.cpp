// `actbert`: everything the studio does, headless. Dispatches to one command per file.

#include <QCoreApplication>

#include <exception>
#include <iostream>
#include <string_view>

#include "app/cli/cli_command.h"
#include "app/cli/cli_support.h"
#include "core/common/error.h"
#include "models/common/build_info.h"

namespace {

void printUsage() {
    std::cout << "usage: actbert COMMAND [ARGS...]\n\ncommands:\n";
    for (const auto& command : actbert::cli::cliCommands()) {
        std::cout << "  " << command.name;
        for (auto pad = std::string_view(command.name).size(); pad < 12; ++pad) {
            std::cout << ' ';
        }
        std::cout << command.summary << '\n';
    }
    std::cout << "\n`actbert COMMAND --help` describes a command; `actbert --version` prints the\n"
                 "version, the LibTorch version and whether CUDA is available.\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace actbert::cli;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("actbert"));
    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty() || arguments.front() == QStringLiteral("--help") ||
        arguments.front() == QStringLiteral("-h")) {
        printUsage();
        return arguments.isEmpty() ? kExitUsage : kExitOk;
    }
    if (arguments.front() == QStringLiteral("--version")) {
        std::cout << "actbert " << actbert::models::describeBuild(actbert::models::buildInfo())
                  << '\n';
        return kExitOk;
    }
    const QString name = arguments.takeFirst();
    for (const auto& command : cliCommands()) {
        if (name != QLatin1String(command.name)) {
            continue;
        }
        try {
            return command.run(arguments);
        } catch (const UsageError& error) {
            printError(error.what());
            return kExitUsage;
        } catch (const actbert::Cancelled&) {
            printError("cancelled");
            return kExitFailure;
        } catch (const std::exception& error) {
            printError(error.what());
            return kExitFailure;
        }
    }
    printError("unknown command '" + name.toStdString() + "' (see `actbert --help`)");
    return kExitUsage;
}
