// Tests of the scrub proxies: a long-GOP video generated with the ffmpeg tool gets an
// all-intra proxy with the same frame count whose frame N matches the ffmpeg tool's decode of
// source frame N scaled to the proxy's size; the cache rebuilds truncated or corrupt proxies
// with a warning; a cancelled or failed write leaves no file.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/video/frame_index_builder.h"
#include "core/video/proxy_cache.h"
#include "core/video/proxy_policy.h"
#include "core/video/proxy_writer.h"
#include "core/video/video_decoder.h"
#include "video_fixtures.h"

using namespace actbert::video;
using namespace actbert::video::testing;

namespace {

std::filesystem::path fsPath(const QString& path) {
    return std::filesystem::path(path.toStdString());
}

// 8 s of 720p H.264 with one key frame per 250 frames: seeks decode up to 249 frames.
QStringList longGopArguments(const QString& extra_filter = QString()) {
    QString filter = QStringLiteral("testsrc2=size=1280x720:rate=25:duration=8");
    QStringList arguments{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                          filter};
    if (!extra_filter.isEmpty()) {
        arguments << QStringLiteral("-vf") << extra_filter << QStringLiteral("-vsync")
                  << QStringLiteral("passthrough");
    }
    arguments << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-g")
              << QStringLiteral("250") << QStringLiteral("-preset") << QStringLiteral("ultrafast")
              << QStringLiteral("-pix_fmt") << QStringLiteral("yuv420p");
    return arguments;
}

// PSNR in dB of two RGB24 pictures of the same size.
double psnr(const RgbFrame& frame, const char* expected, std::size_t size) {
    if (!frame.valid() || size != std::size_t(frame.width) * frame.height * 3) {
        return 0.0;
    }
    double squared = 0.0;
    for (int y = 0; y < frame.height; ++y) {
        const std::uint8_t* row = frame.row(y);
        const auto* want =
            reinterpret_cast<const std::uint8_t*>(expected) + std::size_t(y) * frame.width * 3;
        for (int x = 0; x < frame.width * 3; ++x) {
            const double d = double(row[x]) - double(want[x]);
            squared += d * d;
        }
    }
    const double mse = squared / double(size);
    return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

std::vector<QString> filesIn(const QString& dir) {
    std::vector<QString> names;
    for (const QString& name : QDir(dir).entryList(QDir::Files)) {
        names.push_back(name);
    }
    return names;
}

}  // namespace

class TestProxy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void policyWantsProxiesForLongGops();
    void proxyHasEveryFrameAndMatchesFfmpeg();
    void proxyOfVariableFrameRateKeepsNumbering();
    void mjpegProxyMatchesFfmpeg();
    void cacheRebuildsTruncatedOrCorruptProxy();
    void cancelledWriteLeavesNoFile();
    void badSourceNamesTheFile();

private:
    void checkProxyAgainstFfmpeg(const QString& source, ProxyCodec codec);

    QTemporaryDir dir_;
    QString long_gop_;
};

void TestProxy::initTestCase() {
    QVERIFY(dir_.isValid());
    long_gop_ = makeVideo(dir_.path(), QStringLiteral("long_gop.mp4"), longGopArguments());
    QVERIFY(!long_gop_.isEmpty());
}

void TestProxy::policyWantsProxiesForLongGops() {
    const FrameIndex long_gop = FrameIndexBuilder::build(fsPath(long_gop_));
    QCOMPARE(long_gop.size(), 200);
    QCOMPARE(largestKeyFrameGap(long_gop), 200);
    QVERIFY(needsProxy(long_gop));

    QStringList short_gop = longGopArguments();
    short_gop[short_gop.indexOf(QStringLiteral("250"))] = QStringLiteral("10");
    const QString short_path = makeVideo(dir_.path(), QStringLiteral("short_gop.mp4"), short_gop);
    const FrameIndex short_index = FrameIndexBuilder::build(fsPath(short_path));
    QCOMPARE(largestKeyFrameGap(short_index), 10);
    QVERIFY(!needsProxy(short_index));
    QVERIFY(needsProxy(short_index, ProxyPolicy{5}));
    QVERIFY(!needsProxy(FrameIndex()));
}

void TestProxy::checkProxyAgainstFfmpeg(const QString& source, ProxyCodec codec) {
    const FrameIndex source_index = FrameIndexBuilder::build(fsPath(source));
    const std::filesystem::path proxy =
        fsPath(dir_.filePath(QStringLiteral("proxy-%1.mp4").arg(toString(codec))));
    std::vector<double> fractions;
    ProxyOptions options;
    options.codec = codec;
    writeProxy(fsPath(source), source_index, proxy, options,
               [&](double fraction, const std::string&) { fractions.push_back(fraction); });
    QVERIFY(!fractions.empty());
    QCOMPARE(fractions.back(), 1.0);
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));

    const FrameIndex proxy_index = FrameIndexBuilder::build(proxy);
    QCOMPARE(proxy_index.size(), source_index.size());
    QCOMPARE(proxy_index.keyFrameCount(), proxy_index.size());  // all-intra

    VideoDecoder decoder(proxy, {}, proxy_index);
    QCOMPARE(decoder.videoStream().width, 640);
    QCOMPARE(decoder.videoStream().height, 360);
    const std::int64_t last = source_index.size() - 1;
    const std::vector<std::int64_t> frames{0, 1, 77, 130, last - 1, last};
    const QByteArray expected =
        ffmpegRgbFrames(source, QStringLiteral("select=eq(n\\,0)+eq(n\\,1)+eq(n\\,77)+eq(n\\,"
                                               "130)+eq(n\\,%1)+eq(n\\,%2),scale=640:360")
                                    .arg(last - 1)
                                    .arg(last));
    const std::size_t picture = 640 * 360 * 3;
    QCOMPARE(std::size_t(expected.size()), picture * frames.size());
    // Random order: every proxy frame decodes on its own.
    for (const std::size_t k : {std::size_t(3), std::size_t(0), std::size_t(5), std::size_t(2),
                                std::size_t(1), std::size_t(4)}) {
        const RgbFrame frame = decoder.frameAt(frames[k]);
        const double db = psnr(frame, expected.constData() + k * picture, picture);
        // About 28 dB on testsrc2's sharp patterns: the proxy is scaled in RGB, ffmpeg's
        // scale filter in YUV; a wrong frame or a broken picture scores far lower.
        if (db < 25.0) {
            QFAIL(qPrintable(QStringLiteral("proxy frame %1: PSNR %2 dB against ffmpeg's")
                                 .arg(frames[k])
                                 .arg(db)));
        }
        // Against a neighbouring source frame it must be worse: the numbering is exact.
        const std::size_t other = k == 0 ? 1 : k - 1;
        if (frames[other] + 1 == frames[k] || frames[other] == frames[k] + 1) {
            QVERIFY(psnr(frame, expected.constData() + other * picture, picture) < db);
        }
    }
}

void TestProxy::proxyHasEveryFrameAndMatchesFfmpeg() {
    checkProxyAgainstFfmpeg(long_gop_, ProxyCodec::H264Intra);
}

void TestProxy::proxyOfVariableFrameRateKeepsNumbering() {
    // Dropping every 7th frame and keeping the others' times gives a variable frame rate.
    const QString vfr =
        makeVideo(dir_.path(), QStringLiteral("vfr.mp4"),
                  longGopArguments(QStringLiteral("select=not(eq(mod(n\\,7)\\,3))")));
    QVERIFY(!vfr.isEmpty());
    const FrameIndex index = FrameIndexBuilder::build(fsPath(vfr));
    QVERIFY(index.size() < 200);
    QVERIFY(index[3].pts - index[2].pts != index[2].pts - index[1].pts);
    checkProxyAgainstFfmpeg(vfr, ProxyCodec::H264Intra);
}

void TestProxy::mjpegProxyMatchesFfmpeg() {
    checkProxyAgainstFfmpeg(long_gop_, ProxyCodec::Mjpeg);
}

void TestProxy::cacheRebuildsTruncatedOrCorruptProxy() {
    const QString cache_dir = dir_.filePath(QStringLiteral("cache"));
    ProxyCache cache(fsPath(cache_dir));
    const FrameIndex source_index = FrameIndexBuilder::build(fsPath(long_gop_));
    const std::string hash = "0123456789abcdef0123456789abcdef";

    ProxyLookup first = cache.proxyFor(fsPath(long_gop_), hash, source_index);
    QVERIFY(first.built);
    QVERIFY(first.warning.empty());
    QCOMPARE(first.path, cache.proxyPath(hash));
    QCOMPARE(first.index.size(), source_index.size());

    ProxyLookup second = cache.proxyFor(fsPath(long_gop_), hash, source_index);
    QVERIFY(!second.built);
    QCOMPARE(cache.counts().built, 1);
    QCOMPARE(cache.counts().loaded, 1);

    // Truncated: the file loses its second half.
    const QString file = QString::fromStdString(first.path.string());
    const qint64 full_size = QFileInfo(file).size();
    QVERIFY(QFile::resize(file, full_size / 2));
    ProxyLookup truncated = cache.proxyFor(fsPath(long_gop_), hash, source_index);
    QVERIFY(truncated.built);
    QVERIFY2(truncated.warning.find(first.path.string()) != std::string::npos,
             truncated.warning.c_str());
    QCOMPARE(QFileInfo(file).size(), full_size);

    // Corrupt: garbage over the whole header.
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::ReadWrite));
        out.write(QByteArray(4096, 'x'));
    }
    ProxyLookup corrupt = cache.proxyFor(fsPath(long_gop_), hash, source_index);
    QVERIFY(corrupt.built);
    QVERIFY(!corrupt.warning.empty());
    QCOMPARE(cache.counts().built, 3);
    VideoDecoder decoder(corrupt.path, {}, corrupt.index);
    QCOMPARE(decoder.frameAt(150).index, 150);
    // Only the proxy is left in the folder: no temporary files.
    QCOMPARE(filesIn(cache_dir).size(), std::size_t(1));
}

void TestProxy::cancelledWriteLeavesNoFile() {
    const QString out_dir = dir_.filePath(QStringLiteral("cancelled"));
    const FrameIndex source_index = FrameIndexBuilder::build(fsPath(long_gop_));
    actbert::CancelToken cancel;
    bool saw_progress = false;
    bool cancelled = false;
    try {
        writeProxy(
            fsPath(long_gop_), source_index, fsPath(out_dir + QStringLiteral("/p.mp4")), {},
            [&](double fraction, const std::string&) {
                if (fraction > 0.2) {
                    saw_progress = true;
                    cancel.cancel();
                }
            },
            cancel);
    } catch (const actbert::Cancelled&) {
        cancelled = true;
    }
    QVERIFY(saw_progress);
    QVERIFY(cancelled);
    QVERIFY(filesIn(out_dir).empty());
}

void TestProxy::badSourceNamesTheFile() {
    const QString missing = dir_.filePath(QStringLiteral("missing.mp4"));
    const FrameIndex source_index = FrameIndexBuilder::build(fsPath(long_gop_));
    try {
        writeProxy(fsPath(missing), source_index, fsPath(dir_.filePath(QStringLiteral("x.mp4"))));
        QFAIL("a missing source was accepted");
    } catch (const actbert::Error& error) {
        QVERIFY2(std::string(error.what()).find(missing.toStdString()) != std::string::npos,
                 error.what());
    }
    QVERIFY(!QFile::exists(dir_.filePath(QStringLiteral("x.mp4"))));
}

QTEST_GUILESS_MAIN(TestProxy)
#include "test_proxy.moc"
