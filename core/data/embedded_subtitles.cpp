#include "core/data/embedded_subtitles.h"

#include <QFileInfo>

#include <utility>

#include "core/data/subtitle_format.h"
#include "core/store/project.h"
#include "core/video/media_info.h"
#include "core/video/subtitle_stream.h"

namespace actbert::data {

AnnotationDocument EmbeddedSubtitleTrack::document(const std::string& video_key) const {
    AnnotationDocument document = SubtitleFormat::fromCues(source, video_key, track);
    document.videos.front().duration_s = duration_s;
    return document;
}

EmbeddedSubtitleTrack EmbeddedSubtitles::read(const std::filesystem::path& video_path,
                                              const EmbeddedSubtitleRequest& request,
                                              const CancelToken& cancel) {
    const auto info = video::readMediaInfo(video_path);
    const int index = video::chooseSubtitleStream(info, request.stream, request.language);
    const auto subtitles = video::readSubtitleStream(video_path, index, cancel);
    EmbeddedSubtitleTrack result;
    result.stream_index = index;
    result.language = subtitles.language;
    result.codec = subtitles.codec;
    result.title = subtitles.title;
    result.source = video_path.string() + ", stream " + std::to_string(index);
    result.duration_s = info.duration_s;
    result.track.kind = store::TrackKind::Captions;
    result.track.name = !request.track_name.empty()
                            ? request.track_name
                            : "subtitles-" + (subtitles.language.empty() ? std::to_string(index)
                                                                         : subtitles.language);
    for (std::size_t i = 0; i < subtitles.cues.size(); ++i) {
        SegmentRecord segment;
        segment.start_s = subtitles.cues[i].start_s;
        segment.end_s = subtitles.cues[i].end_s;
        segment.label = subtitles.cues[i].text;
        segment.origin = result.source + ", cue " + std::to_string(i + 1);
        result.track.segments.push_back(std::move(segment));
    }
    return result;
}

std::string EmbeddedSubtitles::videoKeyFor(store::Project& project,
                                           const std::filesystem::path& video_path) {
    // The studio stores and names the videos it opens by QFileInfo, so the same here.
    const QFileInfo file(QString::fromStdString(video_path.string()));
    const std::string absolute = file.absoluteFilePath().toStdString();
    for (const auto& known : project.videos().list()) {
        if (known.path == absolute) {
            return known.key;
        }
    }
    return file.fileName().toStdString();
}

}  // namespace actbert::data
