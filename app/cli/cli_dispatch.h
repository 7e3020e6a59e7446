#pragma once
// Runs `actbert WORDS...`: finds the command (and subcommand) in the table, checks the command
// line against its row, prints generated help, runs it and maps the outcome to an exit status:
// 0 done, 1 the work failed, 2 the command line was wrong, 130 stopped short by SIGINT (a
// command that completed before noticing the signal still exits 0).

#include <QStringList>

#include <string>

#include "app/cli/cli_command.h"

namespace actbert::cli {

// words: the process arguments without the program name.
int runCli(const QStringList& words);

// `actbert --help`.
std::string topLevelHelp();
// `actbert PATH --help`, e.g. path "model init"; generated from the row alone.
std::string commandHelp(const CliCommand& command, const std::string& path);

}  // namespace actbert::cli
