// actbert score TASK ...: metrics of a task's predictions against its ground truth, as the
// task's benchmark defines them. One subcommand per task (cmd_score_<task>.cpp).

#include <vector>

#include "app/cli/cli_command.h"

namespace actbert::cli {

const CliCommand& scoreCaptioningCommand();

const CliCommand& scoreCommand() {
    static const std::vector<CliCommand> tasks{scoreCaptioningCommand()};
    static const CliCommand command{
        .name = "score",
        .summary = "Metrics of a task's predictions against ground truth (score captioning)",
        .subcommands = tasks,
    };
    return command;
}

}  // namespace actbert::cli
