#include "app/cli/cli_command.h"

namespace actbert::cli {

// One declaration and one table row per command file (cmd_<name>.cpp).
const CliCommand& devicesCommand();
const CliCommand& probeCommand();
const CliCommand& frameCommand();
const CliCommand& tokenizeCommand();
const CliCommand& verbsCommand();
const CliCommand& vocabCommand();
const CliCommand& actionsCommand();
const CliCommand& projectCommand();
const CliCommand& importCommand();
const CliCommand& exportCommand();
const CliCommand& editCommand();
const CliCommand& synthCommand();
const CliCommand& extractCommand();
const CliCommand& backboneCommand();
const CliCommand& featuresCommand();
const CliCommand& modelCommand();
const CliCommand& pretrainCommand();
const CliCommand& scoreCommand();

std::span<const CliCommand> cliCommands() {
    static const CliCommand commands[] = {
        devicesCommand(), probeCommand(),    frameCommand(),   tokenizeCommand(), verbsCommand(),
        vocabCommand(),   actionsCommand(),  projectCommand(), importCommand(),   exportCommand(),
        editCommand(),    synthCommand(),    extractCommand(), backboneCommand(), featuresCommand(),
        modelCommand(),   pretrainCommand(), scoreCommand(),
    };
    return commands;
}

}  // namespace actbert::cli
