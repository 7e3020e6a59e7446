#include "app/cli/cli_command.h"

namespace actbert::cli {

// One declaration and one table row per command file (cmd_<name>.cpp).
int runDevices(const QStringList& arguments);
int runProject(const QStringList& arguments);
int runImport(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runEdit(const QStringList& arguments);

std::span<const CliCommand> cliCommands() {
    static const CliCommand commands[] = {
        {"devices", "List the devices (CPU, CUDA GPUs) models can run on", runDevices},
        {"project", "Create a project file or summarise one", runProject},
        {"import", "Import annotation files (data sets, ELAN, subtitles, CSV, JSON)", runImport},
        {"export", "Export a project's tracks to an annotation format", runExport},
        {"edit", "Scripted journaled edits of a project, undo and redo", runEdit},
    };
    return commands;
}

}  // namespace actbert::cli
