#include "app/cli/cli_command.h"

namespace actbert::cli {

// One declaration and one table row per command file (cmd_<name>.cpp).
int runDevices(const QStringList& arguments);
int runTokenize(const QStringList& arguments);
int runVerbs(const QStringList& arguments);
int runActions(const QStringList& arguments);
int runVocab(const QStringList& arguments);

std::span<const CliCommand> cliCommands() {
    static const CliCommand commands[] = {
        {"devices", "List the devices (CPU, CUDA GPUs) models can run on", runDevices},
        {"tokenize", "BERT WordPiece ids or pieces of texts", runTokenize},
        {"verbs", "Action verbs (WordNet lemmas) of narration sentences", runVerbs},
        {"vocab", "Train a WordPiece vocabulary from narrations (vocab train)", runVocab},
        {"actions", "Build the action vocabulary of narrations (actions build)", runActions},
    };
    return commands;
}

}  // namespace actbert::cli
