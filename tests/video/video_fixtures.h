#pragma once
// Test fixtures for the video engine: small videos generated with the ffmpeg tool, and the
// reference answers of ffprobe / ffmpeg on any file (frame list, RGB pixels).
// Threading: test thread only.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace actbert::video::testing {

// Runs a program and returns its stdout; fails (returns an empty array and sets `ok` false)
// when it cannot start or exits non-zero.
QByteArray runProgram(const QString& program, const QStringList& arguments, bool* ok = nullptr);

// Generates `name` in `dir` by running `ffmpeg -v error -y ARGS dir/name`; returns the path.
QString makeVideo(const QString& dir, const QString& name, const QStringList& arguments);

struct ProbedFrame {
    std::int64_t pts = 0;  // ffprobe's best_effort_timestamp (what ffmpeg uses)
    bool has_pts = false;  // ffprobe shows N/A for pictures without any timestamp
    bool key = false;
};

// ffprobe -show_frames of the first video stream.
std::vector<ProbedFrame> probeFrames(const QString& path);
// ffprobe's format start_time in seconds.
double probeStartTime(const QString& path);

// Every frame of the first video stream as `ffmpeg -vsync passthrough -pix_fmt rgb24`
// writes it (after an optional filter chain), concatenated.
QByteArray ffmpegRgbFrames(const QString& path, const QString& filter = QString());
// Only the frames with these numbers (0-based, in the order given by `frames` sorted).
QByteArray ffmpegRgbSelected(const QString& path, const std::vector<std::int64_t>& frames);

}  // namespace actbert::video::testing
