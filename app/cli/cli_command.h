#pragma once
// A top-level command of the `actbert` executable (`actbert NAME ARGS...`).

#include <QStringList>

#include <span>

namespace actbert::cli {

struct CliCommand {
    const char* name;     // what the user types after `actbert`
    const char* summary;  // one line for `actbert --help`
    // Receives the arguments after the command's name; returns the process exit code.
    int (*run)(const QStringList& arguments);
};

// Every command, in the order `actbert --help` lists them (defined in command_table.cpp).
std::span<const CliCommand> cliCommands();

}  // namespace actbert::cli
