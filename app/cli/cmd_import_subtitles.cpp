// actbert import subtitles VIDEO [--stream N|--language LANG] --project PROJECT: one of the
// text subtitle streams inside a video (Matroska/MP4) as a narration (captions) track.

#include <QFileInfo>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_support.h"
#include "core/data/project_importer.h"
#include "core/data/subtitle_format.h"
#include "core/store/project.h"
#include "core/video/media_info.h"
#include "core/video/subtitle_stream.h"

namespace actbert::cli {

namespace {

int runImportSubtitles(const CliArguments& arguments) {
    const QString video_path = arguments.positional().front();
    if (arguments.isSet("stream") && arguments.isSet("language")) {
        throw UsageError("give --stream or --language, not both");
    }
    std::optional<int> stream;
    if (arguments.isSet("stream")) {
        stream = static_cast<int>(arguments.integer("stream"));
    }
    // Read everything before opening the project: a bad video never touches it.
    const auto info = video::readMediaInfo(toStd(video_path));
    const int index = video::chooseSubtitleStream(info, stream, arguments.text("language"));
    const auto subtitles = video::readSubtitleStream(toStd(video_path), index);

    store::Project project(arguments.text("project"), store::Project::OpenMode::OpenExisting);
    const std::string absolute = toStd(QFileInfo(video_path).absoluteFilePath());
    std::string key = arguments.text("video");
    if (key.empty()) {
        for (const auto& known : project.videos().list()) {
            if (known.path == absolute) {
                key = known.key;
            }
        }
    }
    if (key.empty()) {
        key = toStd(QFileInfo(video_path).fileName());
    }
    data::TrackRecord track;
    track.kind = store::TrackKind::Captions;
    track.name = arguments.isSet("track")
                     ? arguments.text("track")
                     : "subtitles-" + (subtitles.language.empty() ? std::to_string(index)
                                                                  : subtitles.language);
    const std::string source = toStd(video_path) + ", stream " + std::to_string(index);
    for (std::size_t i = 0; i < subtitles.cues.size(); ++i) {
        data::SegmentRecord segment;
        segment.start_s = subtitles.cues[i].start_s;
        segment.end_s = subtitles.cues[i].end_s;
        segment.label = subtitles.cues[i].text;
        segment.origin = source + ", cue " + std::to_string(i + 1);
        track.segments.push_back(std::move(segment));
    }
    auto document = data::SubtitleFormat::fromCues(source, key, std::move(track));
    document.videos.front().duration_s = info.duration_s;
    for (const auto& warning : document.warnings) {
        printError("warning: " + warning);
    }
    const auto summary = data::ProjectImporter::run(project, document, data::ImportOptions{},
                                                    nullptr, interruptToken());
    printLine("imported " + std::to_string(summary.items_added) + " cues of stream " +
              std::to_string(index) + " (" +
              (subtitles.language.empty() ? "no language" : subtitles.language) + ", " +
              subtitles.codec + ") into the track '" + document.videos.front().tracks.front().name +
              "' of video '" + key + "'");
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
