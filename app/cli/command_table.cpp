#include "app/cli/cli_command.h"

namespace actbert::cli {

// One declaration and one table row per command file (cmd_<name>.cpp).
int runDevices(const QStringList& arguments);
int runProbe(const QStringList& arguments);
int runFrame(const QStringList& arguments);
int runTokenize(const QStringList& arguments);
int runVerbs(const QStringList& arguments);
int runActions(const QStringList& arguments);
int runProject(const QStringList& arguments);
int runImport(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runEdit(const QStringList& arguments);
int runVocab(const QStringList& arguments);
int runSynth(const QStringList& arguments);
int runExtract(const QStringList& arguments);
int runBackbone(const QStringList& arguments);
int runFeatures(const QStringList& arguments);
int runModel(const QStringList& arguments);
int runScore(const QStringList& arguments);

std::span<const CliCommand> cliCommands() {
    static const CliCommand commands[] = {
        {"devices", "List the devices (CPU, CUDA GPUs) models can run on", runDevices},
        {"probe", "Show a video's streams, frame count and (--frames) every frame", runProbe},
        {"frame", "Write one exact frame of a video (by index or time) as a PNG", runFrame},
        {"tokenize", "BERT WordPiece ids or pieces of texts", runTokenize},
        {"verbs", "Action verbs (WordNet lemmas) of narration sentences", runVerbs},
        {"vocab", "Train a WordPiece vocabulary from narrations (vocab train)", runVocab},
        {"actions", "Build the action vocabulary of narrations (actions build)", runActions},
        {"project", "Create a project file or summarise one", runProject},
        {"import", "Import annotation files (data sets, ELAN, subtitles, CSV, JSON)", runImport},
        {"export", "Export a project's tracks to an annotation format", runExport},
        {"edit", "Scripted journaled edits of a project, undo and redo", runEdit},
        {"synth", "Generate narrated synthetic instructional videos with ground truth", runSynth},
        {"extract", "Action and region features of videos into the feature cache", runExtract},
        {"backbone", "Create (init) or train the action backbone", runBackbone},
        {"features", "Shapes and settings of a feature-cache file (features info)", runFeatures},
        {"model", "Create, import, inspect and run ActBERT checkpoints", runModel},
        {"score",
         "Metrics of a task's predictions against ground truth (retrieval, segmentation, "
         "localisation, qa, captioning)",
         runScore},
    };
    return commands;
}

}  // namespace actbert::cli
