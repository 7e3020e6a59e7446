// actbert export FORMAT --project PROJECT --out FILE: write a project's tracks in a format.

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_exporter.h"
#include "core/store/project.h"

namespace actbert::cli {
namespace {

int runExport(const CliArguments& arguments) {
    const QStringList& positional = arguments.positional();
    const std::string format = toStd(positional[0]);
    data::AnnotationFormats::checkName(format);
    store::Project project(arguments.text("project"), store::Project::OpenMode::OpenExisting);
    data::ExportSelection selection;
    for (const auto& key : arguments.values("video")) {
        selection.video_keys.push_back(toStd(key));
    }
    for (const auto& name : arguments.values("track")) {
        selection.track_names.push_back(toStd(name));
    }
    if (selection.track_names.empty()) {
        selection.kinds = data::AnnotationFormats::defaultKinds(format);
    }
    // Collecting reads every selected video's tracks; writing is one atomic file (or folder).
    TerminalProgress progress("export");
    const auto document = data::ProjectExporter::collect(
        project, selection, subProgress(progress.progressFn(), 0.0, 0.9), interruptToken());
    data::AnnotationFormats::write(format, document, arguments.text("out"),
                                   subProgress(progress.progressFn(), 0.9, 1.0), interruptToken());
    progress.finish();
    printLine("exported " + std::to_string(document.segmentCount()) + " items of " +
              std::to_string(document.videos.size()) + " videos to " + arguments.text("out"));
    return kExitOk;
}

}  // namespace

const CliCommand& exportCommand() {
    static const CliOption options[] = {
        textOption("project", "PROJECT", "The project file.").require(),
        outOption("FILE").require(),
        textOption("video", "KEY", "Only this video (repeatable)."),
        textOption("track", "NAME", "Only tracks with this name (repeatable)."),
    };
    static const CliCommand command{
        .name = "export",
        .summary = "Export a project's tracks to an annotation format",
        .usage = "export FORMAT --project PROJECT --out FILE [--video KEY]... [--track NAME]...",
        .options = options,
        .positional = {"FORMAT", 1, 1},
        .run = runExport,
        .description = "FORMAT: " + data::AnnotationFormats::nameList() +
                       ". --out is a file, or a folder for crosstask.",
    };
    return command;
}

}  // namespace actbert::cli
