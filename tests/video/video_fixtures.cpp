#include "video_fixtures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>

namespace actbert::video::testing {

QByteArray runProgram(const QString& program, const QStringList& arguments, bool* ok) {
    QProcess process;
    process.start(program, arguments);
    const bool finished = process.waitForFinished(300000);
    const bool success =
        finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (ok) {
        *ok = success;
    }
    if (!success) {
        qWarning().noquote() << program << arguments.join(QLatin1Char(' '))
                             << "failed:" << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

QString makeVideo(const QString& dir, const QString& name, const QStringList& arguments) {
    const QString path = QDir(dir).filePath(name);
    QStringList full{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y")};
    full << arguments << path;
    bool ok = false;
    runProgram(QStringLiteral("ffmpeg"), full, &ok);
    return ok ? path : QString();
}

std::vector<ProbedFrame> probeFrames(const QString& path) {
    const QByteArray json = runProgram(
        QStringLiteral("ffprobe"),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
         QStringLiteral("v:0"), QStringLiteral("-show_entries"),
         QStringLiteral("frame=best_effort_timestamp,key_frame"), QStringLiteral("-of"),
         QStringLiteral("json"), path});
    std::vector<ProbedFrame> frames;
    const QJsonArray array = QJsonDocument::fromJson(json).object().value("frames").toArray();
    for (const auto& value : array) {
        const QJsonObject object = value.toObject();
        ProbedFrame frame;
        frame.has_pts = object.contains("best_effort_timestamp");
        frame.pts = static_cast<std::int64_t>(object.value("best_effort_timestamp").toDouble());
        frame.key = object.value("key_frame").toInt() != 0;
        frames.push_back(frame);
    }
    return frames;
}

double probeStartTime(const QString& path) {
    const QByteArray text =
        runProgram(QStringLiteral("ffprobe"),
                   {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                    QStringLiteral("format=start_time"), QStringLiteral("-of"),
                    QStringLiteral("default=nw=1:nk=1"), path});
    return text.trimmed().toDouble();
}

QByteArray ffmpegRgbFrames(const QString& path, const QString& filter) {
    QStringList arguments{QStringLiteral("-v"),     QStringLiteral("error"),
                          QStringLiteral("-i"),     path,
                          QStringLiteral("-map"),   QStringLiteral("0:v:0"),
                          QStringLiteral("-vsync"), QStringLiteral("passthrough")};
    if (!filter.isEmpty()) {
        arguments << QStringLiteral("-vf") << filter;
    }
    arguments << QStringLiteral("-f") << QStringLiteral("rawvideo") << QStringLiteral("-pix_fmt")
              << QStringLiteral("rgb24") << QStringLiteral("-");
    return runProgram(QStringLiteral("ffmpeg"), arguments);
}

QByteArray ffmpegRgbSelected(const QString& path, const std::vector<std::int64_t>& frames) {
    QStringList terms;
    for (const std::int64_t frame : frames) {
        terms << QStringLiteral("eq(n\\,%1)").arg(frame);
    }
    return ffmpegRgbFrames(path, QStringLiteral("select=%1").arg(terms.join(QLatin1Char('+'))));
}

}  // namespace actbert::video::testing
