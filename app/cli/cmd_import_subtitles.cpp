// actbert import subtitles VIDEO [--stream N|--language LANG] --project PROJECT: one of the
// text subtitle streams inside a video (Matroska/MP4) as a narration (captions) track.

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/data/embedded_subtitles.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"

namespace actbert::cli {

namespace {

int runImportSubtitles(const CliArguments& arguments) {
    const QString video_path = arguments.positional().front();
    if (arguments.isSet("stream") && arguments.isSet("language")) {
        throw UsageError("give --stream or --language, not both");
    }
    data::EmbeddedSubtitleRequest request;
    if (arguments.isSet("stream")) {
        request.stream = static_cast<int>(arguments.integer("stream"));
    }
    request.language = arguments.text("language");
    request.track_name = arguments.text("track");
    // Read everything before opening the project: a bad video never touches it.
    const auto subtitles =
        data::EmbeddedSubtitles::read(toStd(video_path), request, interruptToken());

    store::Project project(arguments.text("project"), store::Project::OpenMode::OpenExisting);
    std::string key = arguments.text("video");
    if (key.empty()) {
        key = data::EmbeddedSubtitles::videoKeyFor(project, toStd(video_path));
    }
    const auto document = subtitles.document(key);
    for (const auto& warning : document.warnings) {
        printError("warning: " + warning);
    }
    TerminalProgress progress("import subtitles");
    const auto summary = data::ProjectImporter::run(project, document, data::ImportOptions{},
                                                    progress.progressFn(), interruptToken());
    progress.finish();
    printLine("imported " + std::to_string(summary.items_added) + " cues of stream " +
              std::to_string(subtitles.stream_index) + " (" +
              (subtitles.language.empty() ? "no language" : subtitles.language) + ", " +
              subtitles.codec + ") into the track '" + subtitles.track.name + "' of video '" + key +
              "'");
    return kExitOk;
}

}  // namespace

const CliCommand& importSubtitlesCommand() {
    static const CliOption options[] = {
        textOption("project", "PROJECT", "The project file.").require(),
        integerOption("stream", "N",
                      "The container's stream number (as `actbert probe` lists them).")
            .atLeast(0),
        textOption("language", "LANG",
                   "The first subtitle stream in this language (eng, en, spa, ...)."),
        textOption("track", "NAME",
                   "Name for the track (default: subtitles-LANGUAGE or subtitles-N)."),
        textOption("video", "KEY",
                   "Video key (default: the project's video with this file, else the file name, "
                   "as the studio names it)."),
    };
    static const CliCommand command{
        .name = "subtitles",
        .summary = "Import a text subtitle stream inside a video as a captions track",
        .usage =
            "import subtitles VIDEO [--stream N|--language LANG] --project PROJECT "
            "[--track NAME] [--video KEY]",
        .options = options,
        .positional = {"VIDEO", 1, 1},
        .run = runImportSubtitles,
    };
    return command;
}

}  // namespace actbert::cli
