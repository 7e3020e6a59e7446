// `actbert`: everything the studio does, headless. The commands are rows of one table
// (command_table.cpp); cli_dispatch.cpp parses, checks and runs them.

#include <QCoreApplication>

#include "app/cli/cli_dispatch.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("actbert"));
    return actbert::cli::runCli(QCoreApplication::arguments().mid(1));
}
