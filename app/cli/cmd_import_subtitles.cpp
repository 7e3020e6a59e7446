// actbert import subtitles VIDEO [--stream N|--language LANG] --project PROJECT: one of the
// text subtitle streams inside a video (Matroska/MP4) as a narration (captions) track.

#include <QFileInfo>

#include "app/cli/cli_support.h"
#include "core/data/project_importer.h"
#include "core/data/subtitle_format.h"
#include "core/store/project.h"
#include "core/video/media_info.h"
#include "core/video/subtitle_stream.h"

namespace actbert::cli {

int runImportSubtitles(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("video"),
                                 QStringLiteral("The video whose subtitle stream to import."));
    const QCommandLineOption project_option(
        QStringLiteral("project"), QStringLiteral("The project file."), QStringLiteral("PROJECT"));
    const QCommandLineOption stream_option(
        QStringLiteral("stream"),
        QStringLiteral("The container's stream number (as `actbert probe` lists them)."),
        QStringLiteral("N"));
    const QCommandLineOption language_option(
        QStringLiteral("language"),
        QStringLiteral("The first subtitle stream in this language (eng, en, spa, ...)."),
        QStringLiteral("LANG"));
    const QCommandLineOption track_option(
        QStringLiteral("track"),
        QStringLiteral("Name for the track (default: subtitles-LANGUAGE or subtitles-N)."),
        QStringLiteral("NAME"));
    const QCommandLineOption video_option(
        QStringLiteral("video"),
        QStringLiteral("Video key (default: the project's video with this file, else the file "
                       "name, as the studio names it)."),
        QStringLiteral("KEY"));
    parser.addOptions({project_option, stream_option, language_option, track_option, video_option});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("import subtitles VIDEO [--stream N|--language LANG] "
                                         "--project PROJECT [--track NAME] [--video KEY]"))) {
        return kExitOk;
    }
    const QString video_path = requirePositional(parser, 1, QStringLiteral("VIDEO")).front();
    if (!parser.isSet(project_option)) {
        throw UsageError("--project PROJECT is required");
    }
    if (parser.isSet(stream_option) && parser.isSet(language_option)) {
        throw UsageError("give --stream or --language, not both");
    }
    std::optional<int> stream;
    if (parser.isSet(stream_option)) {
        stream = parseIntOption(parser, QStringLiteral("stream"));
    }
    // Read everything before opening the project: a bad video never touches it.
    const auto info = video::readMediaInfo(toStd(video_path));
    const int index =
        video::chooseSubtitleStream(info, stream, toStd(parser.value(language_option)));
    const auto subtitles = video::readSubtitleStream(toStd(video_path), index);

    store::Project project(toStd(parser.value(project_option)),
                           store::Project::OpenMode::OpenExisting);
    const std::string absolute = toStd(QFileInfo(video_path).absoluteFilePath());
    std::string key = toStd(parser.value(video_option));
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
    track.name = parser.isSet(track_option)
                     ? toStd(parser.value(track_option))
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
                                                    nullptr, CancelToken());
    printLine("imported " + std::to_string(summary.items_added) + " cues of stream " +
              std::to_string(index) + " (" +
              (subtitles.language.empty() ? "no language" : subtitles.language) + ", " +
              subtitles.codec + ") into the track '" + document.videos.front().tracks.front().name +
              "' of video '" + key + "'");
    return kExitOk;
}

}  // namespace actbert::cli
