// actbert project create|info PROJECT: make a project file, or summarise what it holds.

#include "app/cli/cli_support.h"
#include "core/store/project.h"

namespace actbert::cli {

int runProject(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("create or info"));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The project file."));
    const QCommandLineOption tracks_option(QStringLiteral("tracks"),
                                           QStringLiteral("info: list every track with its id."));
    parser.addOption(tracks_option);
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("project create|info PROJECT [--tracks]"))) {
        return kExitOk;
    }
    const QStringList positional = requirePositional(parser, 2, QStringLiteral("ACTION PROJECT"));
    const std::string path = toStd(positional[1]);
    if (positional[0] == QStringLiteral("create")) {
        store::Project project(path, store::Project::OpenMode::CreateNew);
        printLine("created " + path + " (schema version " +
                  std::to_string(project.schemaVersion()) + ")");
        return kExitOk;
    }
    if (positional[0] != QStringLiteral("info")) {
        throw UsageError("unknown project action '" + toStd(positional[0]) +
                         "' (expected create or info)");
    }
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
    if (parser.isSet(tracks_option)) {
        for (const auto& track : project.tracks().list()) {
            const auto video = project.videos().get(track.video_id);
            printLine("track " + std::to_string(track.id) + "\t" + video.key + "\t" + track.name +
                      "\t" + std::string(store::toString(track.kind)) + "\t" +
                      std::to_string(project.items().count(track.id)) + " items");
        }
    }
    return kExitOk;
}

}  // namespace actbert::cli
