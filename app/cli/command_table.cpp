#include "app/cli/cli_command.h"

namespace actbert::cli {

// One declaration and one table row per command file (cmd_<name>.cpp).
int runDevices(const QStringList& arguments);
int runProbe(const QStringList& arguments);
int runFrame(const QStringList& arguments);
int runTokenize(const QStringList& arguments);
int runVerbs(const QStringList& arguments);
int runActions(const QStringList& arguments);
int runExtract(const QStringList& arguments);
int runBackbone(const QStringList& arguments);
int runFeatures(const QStringList& arguments);

std::span<const CliCommand> cliCommands() {
    static const CliCommand commands[] = {
        {"devices", "List the devices (CPU, CUDA GPUs) models can run on", runDevices},
        {"probe", "Show a video's streams, frame count and (--frames) every frame", runProbe},
        {"frame", "Write one exact frame of a video (by index or time) as a PNG", runFrame},
        {"tokenize", "BERT WordPiece ids or pieces of texts", runTokenize},
        {"verbs", "Action verbs (WordNet lemmas) of narration sentences", runVerbs},
        {"actions", "Build the action vocabulary of narrations (actions build)", runActions},
        {"extract", "Action and region features of videos into the feature cache", runExtract},
        {"backbone", "Create (init) or train the action backbone", runBackbone},
        {"features", "Shapes and settings of a feature-cache file (features info)", runFeatures},
    };
    return commands;
}

}  // namespace actbert::cli
