// actbert probe FILE [--json] [--frames]: what a video contains and its exact frame list.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <string>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_support.h"
#include "core/common/terminal_progress.h"
#include "core/video/frame_index_builder.h"
#include "core/video/media_info.h"

namespace actbert::cli {

namespace {

using namespace actbert::video;

QString rationalText(Rational value) {
    return QStringLiteral("%1/%2").arg(value.num).arg(value.den);
}

QJsonObject streamJson(const StreamInfo& stream) {
    QJsonObject object{{"index", stream.index},
                       {"type", toString(stream.kind)},
                       {"codec", QString::fromStdString(stream.codec)},
                       {"codec_long", QString::fromStdString(stream.codec_long)},
                       {"time_base", rationalText(stream.time_base)},
                       {"start_time_s", stream.start_time_s},
                       {"duration_s", stream.duration_s},
                       {"language", QString::fromStdString(stream.language)},
                       {"title", QString::fromStdString(stream.title)},
                       {"default", stream.is_default}};
    if (stream.kind == StreamKind::Video) {
        object.insert("width", stream.width);
        object.insert("height", stream.height);
        object.insert("pixel_format", QString::fromStdString(stream.pixel_format));
        object.insert("nominal_fps", stream.nominal_fps.toDouble());
        object.insert("nominal_fps_rational", rationalText(stream.nominal_fps));
        object.insert("base_fps", stream.base_fps.toDouble());
        object.insert("measured_fps", stream.measured_fps);
        object.insert("rotation_deg", stream.rotation_deg);
    } else if (stream.kind == StreamKind::Audio) {
        object.insert("sample_rate", stream.sample_rate);
        object.insert("channels", stream.channels);
        object.insert("channel_layout", QString::fromStdString(stream.channel_layout));
        object.insert("sample_format", QString::fromStdString(stream.sample_format));
    }
    return object;
}

std::string streamLine(const StreamInfo& stream) {
    char text[512];
    if (stream.kind == StreamKind::Video) {
        std::snprintf(text, sizeof(text),
                      "stream %d: video %s %dx%d %s, %.3f fps nominal, %.3f fps measured, time "
                      "base %d/%d, rotation %d",
                      stream.index, stream.codec.c_str(), stream.width, stream.height,
                      stream.pixel_format.c_str(), stream.nominal_fps.toDouble(),
                      stream.measured_fps, stream.time_base.num, stream.time_base.den,
                      stream.rotation_deg);
    } else if (stream.kind == StreamKind::Audio) {
        std::snprintf(text, sizeof(text), "stream %d: audio %s %d Hz, %d channels (%s)",
                      stream.index, stream.codec.c_str(), stream.sample_rate, stream.channels,
                      stream.channel_layout.c_str());
    } else {
        std::snprintf(text, sizeof(text), "stream %d: %s %s", stream.index, toString(stream.kind),
                      stream.codec.c_str());
    }
    std::string line = text;
    if (!stream.language.empty()) {
        line += ", language " + stream.language;
    }
    if (!stream.title.empty()) {
        line += ", \"" + stream.title + "\"";
    }
    return line;
}

int runProbe(const CliArguments& arguments) {
    const std::filesystem::path path = arguments.positional(0);
    MediaInfo info = readMediaInfo(path);
    std::optional<FrameIndex> index;
    if (info.video()) {
        // Indexing a long video (or --decode-scan) takes a while.
        TerminalProgress progress("probe");
        index = FrameIndexBuilder::build(
            path, arguments.isSet("decode-scan") ? IndexStrategy::ForceDecode : IndexStrategy::Auto,
            progress.progressFn(), interruptToken());
        info.streams[info.best_video_stream].measured_fps = index->measuredFps();
    }
    const StreamInfo* video = info.video();
    const bool list_frames = arguments.isSet("frames");

    if (arguments.isSet("json")) {
        QJsonArray streams;
        for (const auto& stream : info.streams) {
            streams.append(streamJson(stream));
        }
        QJsonObject root{
            {"file", QString::fromStdString(path.string())},
            {"container", QString::fromStdString(info.container)},
            {"duration_s", info.duration_s},
            {"start_time_s", info.start_time_s},
            {"bit_rate", static_cast<double>(info.bit_rate)},
            {"frame_count", index ? static_cast<double>(index->size()) : 0.0},
            {"key_frame_count", index ? static_cast<double>(index->keyFrameCount()) : 0.0},
            {"index_method", index ? toString(index->method()) : "none"},
            {"fps", video ? video->nominal_fps.toDouble() : 0.0},
            {"measured_fps", video ? video->measured_fps : 0.0},
            {"width", video ? video->width : 0},
            {"height", video ? video->height : 0},
            {"rotation_deg", video ? video->rotation_deg : 0},
            {"streams", streams}};
        if (list_frames && index) {
            QJsonArray frames;
            for (std::int64_t i = 0; i < index->size(); ++i) {
                const FrameEntry& frame = (*index)[i];
                frames.append(QJsonObject{{"index", static_cast<double>(i)},
                                          {"pts", static_cast<double>(frame.pts)},
                                          {"time_s", frame.time_s},
                                          {"key", frame.is_key}});
            }
            root.insert("frames", frames);
        }
        printLine(QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString());
        return kExitOk;
    }

    char text[512];
    printLine("file: " + path.string());
    std::snprintf(text, sizeof(text), "container: %s (%s), duration %.3f s, start %.3f s",
                  info.container.c_str(), info.container_long.c_str(), info.duration_s,
                  info.start_time_s);
    printLine(text);
    for (const auto& stream : info.streams) {
        printLine(streamLine(stream));
    }
    if (index) {
        std::snprintf(text, sizeof(text), "frames: %lld (%lld key frames, %s)",
                      static_cast<long long>(index->size()),
                      static_cast<long long>(index->keyFrameCount()), toString(index->method()));
        printLine(text);
    } else {
        printLine("frames: 0 (no video stream)");
    }
    if (list_frames && index) {
        printLine("index\tpts\ttime_s\tkey");
        for (std::int64_t i = 0; i < index->size(); ++i) {
            const FrameEntry& frame = (*index)[i];
            std::snprintf(text, sizeof(text), "%lld\t%lld\t%.6f\t%d", static_cast<long long>(i),
                          static_cast<long long>(frame.pts), frame.time_s, frame.is_key ? 1 : 0);
            printLine(text);
        }
    }
    return kExitOk;
}

}  // namespace

const CliCommand& probeCommand() {
    static const CliOption options[] = {
        flagOption("json", "Print one JSON object."),
        flagOption("frames", "List every frame: index, pts, seconds, key."),
        flagOption("decode-scan", "Index by decoding every frame instead of a packet scan."),
    };
    static const CliCommand command{
        .name = "probe",
        .summary = "Show a video's streams, frame count and (--frames) every frame",
        .usage = "probe FILE [--json] [--frames] [--decode-scan]",
        .options = options,
        .positional = {"FILE", 1, 1},
        .run = runProbe,
    };
    return command;
}

}  // namespace actbert::cli
