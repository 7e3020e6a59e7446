// actbert frame FILE (--index N | --time S) --out PNG [--size WxH] [--crop | --fit]:
// one exact frame of a video as a PNG.

#include <QRegularExpression>

#include "app/cli/cli_support.h"
#include "core/video/png_writer.h"
#include "core/video/video_decoder.h"

namespace actbert::cli {

namespace {

video::FrameOutputOptions parseOutput(const QCommandLineParser& parser) {
    video::FrameOutputOptions output;
    if (parser.isSet(QStringLiteral("size"))) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
        const auto match = pattern.match(parser.value(QStringLiteral("size")));
        if (!match.hasMatch() || match.captured(1).toInt() == 0 || match.captured(2).toInt() == 0) {
            throw UsageError("--size expects WIDTHxHEIGHT, e.g. 224x224, got '" +
                             toStd(parser.value(QStringLiteral("size"))) + "'");
        }
        output.width = match.captured(1).toInt();
        output.height = match.captured(2).toInt();
    }
    const bool crop = parser.isSet(QStringLiteral("crop"));
    const bool fit = parser.isSet(QStringLiteral("fit"));
    if (crop && fit) {
        throw UsageError("--crop and --fit exclude each other");
    }
    if ((crop || fit) && output.nativeSize()) {
        throw UsageError("--crop and --fit need --size");
    }
    output.resize = crop ? video::ResizeMode::CropCenter
                         : (fit ? video::ResizeMode::Fit : video::ResizeMode::Stretch);
    return output;
}

}  // namespace

int runFrame(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The video."));
    parser.addOption(
        {QStringLiteral("index"), QStringLiteral("Frame number (0-based)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("time"),
                      QStringLiteral("The frame on screen at S seconds from the file's start."),
                      QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("PNG file to write."), QStringLiteral("PNG")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Output size (default: native)."),
                      QStringLiteral("WxH")});
    parser.addOption({QStringLiteral("crop"),
                      QStringLiteral("Keep the aspect ratio and crop the centre to --size.")});
    parser.addOption({QStringLiteral("fit"),
                      QStringLiteral("Keep the aspect ratio and pad with black to --size.")});
    const QString usage =
        QStringLiteral("frame FILE (--index N | --time S) --out PNG [--size WxH] [--crop | --fit]");
    if (!parseCommandLine(parser, arguments, usage)) {
        return kExitOk;
    }
    const std::filesystem::path path = toStd(requirePositional(parser, 1, "FILE").front());
    const bool by_index = parser.isSet(QStringLiteral("index"));
    const bool by_time = parser.isSet(QStringLiteral("time"));
    if (by_index == by_time) {
        throw UsageError("give exactly one of --index N or --time S");
    }
    if (!parser.isSet(QStringLiteral("out"))) {
        throw UsageError("--out PNG is required");
    }
    const video::FrameOutputOptions output = parseOutput(parser);
    video::VideoDecoder decoder(path);
    const video::RgbFrame frame =
        by_index ? decoder.frameAt(parseIntOption(parser, QStringLiteral("index")), output)
                 : decoder.frameAtTime(parseDoubleOption(parser, QStringLiteral("time")), output);
    const std::filesystem::path out = toStd(parser.value(QStringLiteral("out")));
    video::writePng(frame, out);
    char text[256];
    std::snprintf(text, sizeof(text), "frame %lld (pts %lld, %.6f s%s) -> %s",
                  static_cast<long long>(frame.index), static_cast<long long>(frame.pts),
                  frame.time_s, frame.is_key ? ", key" : "", out.string().c_str());
    printLine(text);
    return kExitOk;
}

}  // namespace actbert::cli
