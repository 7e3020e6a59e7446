// actbert project create|info PROJECT: make a project file, or summarise what it holds.

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_support.h"
#include "core/store/project.h"

namespace actbert::cli {

namespace {

int runCreate(const CliArguments& arguments) {
    const std::string path = arguments.positional(0);
    store::Project project(path, store::Project::OpenMode::CreateNew);
    printLine("created " + path + " (schema version " + std::to_string(project.schemaVersion()) +
              ")");
    return kExitOk;
}

int runInfo(const CliArguments& arguments) {
    const std::string path = arguments.positional(0);
    store::Project project(path, store::Project::OpenMode::OpenExisting);
    printLine("project: " + path);
    printLine("schema version: " + std::to_string(project.schemaVersion()));
    printLine("videos: " + std::to_string(project.videos().count()));
    for (const auto& [kind, counts] : project.tracks().countsByKind()) {
        printLine("tracks " + std::string(store::toString(kind)) + ": " +
                  std::to_string(counts.first) + " with " + std::to_string(counts.second) +
                  " items");
    }
    const auto history = project.journal().history(1000000);
    std::size_t undone = 0;
    for (const auto& entry : history) {
        undone += entry.undone ? 1 : 0;
    }
    printLine("edits: " + std::to_string(history.size() - undone) + " (" + std::to_string(undone) +
              " undone)");
    for (const auto& dataset : project.catalog().datasets()) {
        printLine("tasks " + dataset + ": " +
                  std::to_string(project.catalog().tasks(dataset).size()));
    }
    if (arguments.isSet("tracks")) {
        for (const auto& track : project.tracks().list()) {
            const auto video = project.videos().get(track.video_id);
            printLine("track " + std::to_string(track.id) + "\t" + video.key + "\t" + track.name +
                      "\t" + std::string(store::toString(track.kind)) + "\t" +
                      std::to_string(project.items().count(track.id)) + " items");
        }
    }
    return kExitOk;
}

}  // namespace

const CliCommand& projectCommand() {
    static const CliOption info_options[] = {
        flagOption("tracks", "List every track with its id."),
    };
    static const CliCommand subcommands[] = {
        {
            .name = "create",
            .summary = "Create an empty project file",
            .usage = "project create PROJECT",
            .positional = {"PROJECT", 1, 1},
            .run = runCreate,
        },
        {
            .name = "info",
            .summary = "Summarise a project: videos, tracks, edits, tasks",
            .usage = "project info PROJECT [--tracks]",
            .options = info_options,
            .positional = {"PROJECT", 1, 1},
            .run = runInfo,
        },
    };
    static const CliCommand command{
        .name = "project",
        .summary = "Create a project file or summarise one",
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
