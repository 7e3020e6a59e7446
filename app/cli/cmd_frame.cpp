// actbert frame FILE (--index N | --time S) --out PNG [--size WxH] [--crop | --fit]:
// one exact frame of a video as a PNG.

#include <QRegularExpression>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/video/png_writer.h"
#include "core/video/video_decoder.h"

namespace actbert::cli {

namespace {

video::FrameOutputOptions parseOutput(const CliArguments& arguments) {
    video::FrameOutputOptions output;
    if (arguments.isSet("size")) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
        const auto match = pattern.match(arguments.value("size"));
        if (!match.hasMatch() || match.captured(1).toInt() == 0 || match.captured(2).toInt() == 0) {
            throw UsageError("--size expects WIDTHxHEIGHT, e.g. 224x224, got '" +
                             toStd(arguments.value("size")) + "'");
        }
        output.width = match.captured(1).toInt();
        output.height = match.captured(2).toInt();
    }
    const bool crop = arguments.isSet("crop");
    const bool fit = arguments.isSet("fit");
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

int runFrame(const CliArguments& arguments) {
    const std::filesystem::path path = arguments.positional(0);
    const bool by_index = arguments.isSet("index");
    const bool by_time = arguments.isSet("time");
    if (by_index == by_time) {
        throw UsageError("give exactly one of --index N or --time S");
    }
    const video::FrameOutputOptions output = parseOutput(arguments);
    video::VideoDecoder decoder(path);
    const video::RgbFrame frame = by_index ? decoder.frameAt(arguments.integer("index"), output)
                                           : decoder.frameAtTime(arguments.number("time"), output);
    const std::filesystem::path out = arguments.text("out");
    video::writePng(frame, out);
    char text[256];
    std::snprintf(text, sizeof(text), "frame %lld (pts %lld, %.6f s%s) -> %s",
                  static_cast<long long>(frame.index), static_cast<long long>(frame.pts),
                  frame.time_s, frame.is_key ? ", key" : "", out.string().c_str());
    printLine(text);
    return kExitOk;
}

}  // namespace

const CliCommand& frameCommand() {
    static const CliOption options[] = {
        integerOption("index", "N", "Frame number (0-based).").atLeast(0),
        numberOption("time", "S", "The frame on screen at S seconds from the file's start."),
        outOption("PNG").require(),
        textOption("size", "WxH", "Output size (default: native)."),
        flagOption("crop", "Keep the aspect ratio and crop the centre to --size."),
        flagOption("fit", "Keep the aspect ratio and pad with black to --size."),
    };
    static const CliCommand command{
        .name = "frame",
        .summary = "Write one exact frame of a video (by index or time) as a PNG",
        .usage = "frame FILE (--index N | --time S) --out PNG [--size WxH] [--crop | --fit]",
        .options = options,
        .positional = {"FILE", 1, 1},
        .run = runFrame,
    };
    return command;
}

}  // namespace actbert::cli
