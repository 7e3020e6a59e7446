#include "ffmpeg_reference.h"

#include <QProcess>
#include <QStringList>

QImage ffmpegReferenceFrame(const QString& path, std::int64_t index) {
    QProcess ffmpeg;
    ffmpeg.start(
        QStringLiteral("ffmpeg"),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), path,
         QStringLiteral("-vf"), QStringLiteral("select=eq(n\\,%1)").arg(index),
         QStringLiteral("-fps_mode"), QStringLiteral("passthrough"), QStringLiteral("-frames:v"),
         QStringLiteral("1"), QStringLiteral("-c:v"), QStringLiteral("ppm"), QStringLiteral("-f"),
         QStringLiteral("image2pipe"), QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(60'000) || ffmpeg.exitCode() != 0) {
        qWarning("ffmpeg could not decode frame %lld of %s: %s", static_cast<long long>(index),
                 qPrintable(path), ffmpeg.readAllStandardError().constData());
        return {};
    }
    return QImage::fromData(ffmpeg.readAllStandardOutput(), "PPM")
        .convertToFormat(QImage::Format_RGB32);
}
