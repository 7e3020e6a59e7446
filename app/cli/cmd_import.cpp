// actbert import FORMAT FILE... --project PROJECT: read annotation files into a project in one
// transaction (a failure changes nothing). `actbert import subtitles VIDEO` reads a video's
// embedded subtitle stream instead (cmd_import_subtitles.cpp).

#include <iostream>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"

namespace actbert::cli {
namespace {

int runImport(const CliArguments& arguments) {
    const QStringList& positional = arguments.positional();
    const std::string format = toStd(positional[0]);
    data::AnnotationFormats::checkName(format);
    std::vector<std::filesystem::path> files;
    for (qsizetype i = 1; i < positional.size(); ++i) {
        files.emplace_back(toStd(positional[i]));
    }
    // Parse everything before opening the project: a bad file never touches it.
    const auto document = data::AnnotationFormats::read(format, files, arguments.text("video"));
    for (const auto& warning : document.warnings) {
        printError("warning: " + warning);
    }
    store::Project project(arguments.text("project"), store::Project::OpenMode::OpenExisting);
    data::ImportOptions options;
    options.track_name = arguments.text("track");
    TerminalProgress progress("import");
    const auto summary = data::ProjectImporter::run(project, document, options,
                                                    progress.progressFn(), interruptToken());
    progress.finish();
    printLine("imported " + std::to_string(summary.items_added) + " items in " +
              std::to_string(summary.tracks_added) +
              " tracks; videos: " + std::to_string(summary.videos_added) + " new, " +
              std::to_string(summary.videos_matched) +
              " existing; tasks: " + std::to_string(summary.tasks));
    return kExitOk;
}

}  // namespace

const CliCommand& importSubtitlesCommand();  // cmd_import_subtitles.cpp

const CliCommand& importCommand() {
    static const CliOption options[] = {
        textOption("project", "PROJECT", "The project file.").require(),
        textOption("track", "NAME", "Name for the imported track(s)."),
        textOption("video", "KEY", "Video key for eaf/vtt/srt files that do not name their video."),
    };
    static const CliCommand command{
        .name = "import",
        .summary = "Import annotation files (data sets, ELAN, subtitles, CSV, JSON)",
        .usage = "import FORMAT FILE... --project PROJECT [--track NAME] [--video KEY]",
        .options = options,
        .positional = {"FORMAT FILE...", 2, CliPositional::kUnlimited},
        .run = runImport,
        .subcommands = {&importSubtitlesCommand(), 1},
        .description = "FORMAT: " + data::AnnotationFormats::nameList() +
                       "; or `import subtitles VIDEO` for a video's own subtitle streams. The "
                       "import is one transaction: a failure or Ctrl-C changes nothing.",
    };
    return command;
}

}  // namespace actbert::cli
