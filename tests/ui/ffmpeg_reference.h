#pragma once

// The independent decoder the player tests compare with: the ffmpeg command line, never the
// product's VideoDecoder.

#include <QImage>
#include <QString>

#include <cstdint>

// Picture `index` of `path` in presentation order, numbered as -fps_mode passthrough numbers
// them, converted to RGB32 by ffmpeg's scaler. A null image (with a warning) when ffmpeg fails.
QImage ffmpegReferenceFrame(const QString& path, std::int64_t index);
