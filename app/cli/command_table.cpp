#include "app/cli/cli_command.h"

namespace actbert::cli {

// One declaration and one table row per command file (cmd_<name>.cpp).
int runDevices(const QStringList& arguments);
int runModel(const QStringList& arguments);

std::span<const CliCommand> cliCommands() {
    static const CliCommand commands[] = {
        {"devices", "List the devices (CPU, CUDA GPUs) models can run on", runDevices},
        {"model", "Create, import, inspect and run ActBERT checkpoints", runModel},
    };
    return commands;
}

}  // namespace actbert::cli
