// Sound really comes out, and video follows it. The test starts its own PulseAudio server
// with a null sink (no sound card needed, nothing of the user's session touched), plays a
// clip with 1 kHz beeps through the studio's player and records the sink's monitor with
// parec: the beeps must be there, unbroken and one second apart, and the frames shown must
// follow the audio clock.

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "ui/player/audiooutput.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerengine.h"

using namespace actbert::ui;

namespace {

constexpr int kRecordRate = 48000;

// A clip of 3.2 s at 25 fps whose picture flashes white and whose sound beeps (1 kHz) for
// 0.1 s at 0.5 s, 1.5 s and 2.5 s (amplitude 0.5: the sine source's 1/8, times 4).
bool makeBeepingClip(const QString& path) {
    const QString flashes = QStringLiteral("gte(t,0.5)*lt(mod(t-0.5,1),0.1)");
    return QProcess::execute(
               QStringLiteral("ffmpeg"),
               {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                QStringLiteral("lavfi"), QStringLiteral("-i"),
                QStringLiteral("color=black:s=160x120:r=25:d=3.2,drawbox=t=fill:color=white:"
                               "enable='%1'")
                    .arg(flashes),
                QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                QStringLiteral("sine=f=1000:r=48000:d=3.2,volume=eval=frame:volume='4*%1'")
                    .arg(flashes),
                QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
                QStringLiteral("yuv420p"), QStringLiteral("-c:a"), QStringLiteral("aac"),
                QStringLiteral("-ac"), QStringLiteral("2"), path}) == 0;
}

// Start times (s) of the loud stretches in a mono recording, found in 5 ms windows: a burst
// starts above half the loudest window and ends after 50 ms below a quarter of it.
std::vector<double> burstStarts(const std::vector<float>& samples, double* loudest_rms) {
    const std::size_t window = kRecordRate / 200;
    std::vector<double> rms;
    for (std::size_t begin = 0; begin + window <= samples.size(); begin += window) {
        double energy = 0.0;
        for (std::size_t i = begin; i < begin + window; ++i) {
            energy += static_cast<double>(samples[i]) * samples[i];
        }
        rms.push_back(std::sqrt(energy / static_cast<double>(window)));
    }
    *loudest_rms = rms.empty() ? 0.0 : *std::max_element(rms.begin(), rms.end());
    std::vector<double> starts;
    bool loud = false;
    int quiet_windows = 0;
    for (std::size_t w = 0; w < rms.size(); ++w) {
        if (rms[w] > 0.5 * *loudest_rms) {
            if (!loud) {
                starts.push_back(static_cast<double>(w * window) / kRecordRate);
            }
            loud = true;
            quiet_windows = 0;
        } else if (rms[w] < 0.25 * *loudest_rms && ++quiet_windows >= 10) {
            loud = false;
        }
    }
    return starts;
}

// Sign changes per second inside [from_s, to_s): twice the frequency of a pure tone.
double zeroCrossingsPerSecond(const std::vector<float>& samples, double from_s, double to_s) {
    const auto from = static_cast<std::size_t>(from_s * kRecordRate);
    const auto to = std::min(samples.size(), static_cast<std::size_t>(to_s * kRecordRate));
    int crossings = 0;
    for (std::size_t i = from + 1; i < to; ++i) {
        crossings += (samples[i - 1] < 0.0f) != (samples[i] < 0.0f);
    }
    return crossings / (to_s - from_s);
}

}  // namespace

class TestAudio : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QProcess server_;
    QString socket_;

private Q_SLOTS:
    void initTestCase() {
        const QString pulseaudio = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
        if (pulseaudio.isEmpty() ||
            QStandardPaths::findExecutable(QStringLiteral("parec")).isEmpty()) {
            QFAIL("pulseaudio/parec are not installed (packaging/install-deps.sh installs them)");
        }
        QVERIFY(dir_.isValid());
        // A private server: its own runtime dir, socket and null sink. It must be running
        // before Qt Multimedia first looks for devices, which is why this is its own test
        // executable.
        socket_ = dir_.filePath(QStringLiteral("native"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir_.path());
        env.insert(QStringLiteral("HOME"), dir_.path());
        server_.setProcessEnvironment(env);
        server_.setProcessChannelMode(QProcess::MergedChannels);
        server_.start(
            pulseaudio,
            {QStringLiteral("-n"), QStringLiteral("--daemonize=no"),
             QStringLiteral("--exit-idle-time=-1"), QStringLiteral("--disable-shm=yes"),
             QStringLiteral("--use-pid-file=no"), QStringLiteral("-L"),
             QStringLiteral("module-null-sink sink_name=actbert_test rate=48000"),
             QStringLiteral("-L"),
             QStringLiteral("module-native-protocol-unix auth-anonymous=1 socket=") + socket_});
        QVERIFY2(server_.waitForStarted(10'000), qPrintable(server_.errorString()));
        qputenv("PULSE_SERVER", ("unix:" + socket_).toUtf8());
        const bool up = QTest::qWaitFor(
            [&] {
                QProcess pactl;
                pactl.start(QStringLiteral("pactl"), {QStringLiteral("info")});
                return (pactl.waitForFinished(5'000) && pactl.exitCode() == 0) ||
                       server_.state() == QProcess::NotRunning;
            },
            10'000);
        QVERIFY2(up && server_.state() == QProcess::Running, server_.readAll().constData());
        QVERIFY2(AudioOutput::deviceAvailable(), "Qt sees no audio output on the null sink");
    }

    void cleanupTestCase() {
        if (server_.state() != QProcess::NotRunning) {
            server_.terminate();
            server_.waitForFinished(5'000);
        }
    }

    void beepsAreHeardOnTimeAndVideoFollowsTheAudioClock() {
        const QString clip = dir_.filePath(QStringLiteral("beeps.mp4"));
        QVERIFY(makeBeepingClip(clip));

        // Straight into a file: through a pipe, a busy test process would make parec block
        // and the server drop recorded samples.
        const QString recording = dir_.filePath(QStringLiteral("monitor.raw"));
        QProcess recorder;
        recorder.setStandardOutputFile(recording);
        recorder.start(
            QStringLiteral("parec"),
            {QStringLiteral("--device=actbert_test.monitor"), QStringLiteral("--format=float32le"),
             QStringLiteral("--rate=48000"), QStringLiteral("--channels=1"),
             QStringLiteral("--latency-msec=20"), QStringLiteral("--raw")});
        QVERIFY(recorder.waitForStarted(5'000));

        PlayerEngine engine(AudioMode::IfAvailable);
        std::vector<std::int64_t> shown;
        std::vector<double> lag_s;  // frame time minus the audio clock when it was shown
        connect(&engine, &PlayerEngine::frameShown, this, [&](const DecodedFrame& frame) {
            shown.push_back(frame.index);
            if (engine.isPlaying()) {
                lag_s.push_back(frame.time_s - engine.clockTime_s());
            }
        });
        engine.open(std::make_unique<DecoderFrameSource>(clip.toStdString()));
        QVERIFY(QTest::qWaitFor([&] { return !shown.empty(); }, 10'000));
        QTest::qWait(300);  // some silence before the clip, to see where the sound starts
        shown.clear();
        engine.play(1.0);
        QVERIFY2(engine.usesAudioClock(), "with an output device the sound must be the clock");
        QVERIFY(QTest::qWaitFor([&] { return !engine.isPlaying(); }, 20'000));
        QTest::qWait(500);  // let the sink's buffer drain into the monitor
        recorder.terminate();
        QVERIFY(recorder.waitForFinished(5'000));

        // Every frame after the first (on screen before play) was shown or counted late, in
        // order, up to the last one.
        QVERIFY(!shown.empty());
        QCOMPARE(shown.front(), std::int64_t{1});
        QCOMPARE(shown.back(), std::int64_t{79});
        QVERIFY(std::is_sorted(shown.begin(), shown.end()));
        QCOMPARE(static_cast<std::int64_t>(shown.size()) + engine.stats().frames_dropped,
                 std::int64_t{79});
        // Video follows sound: nearly every frame went up while the audio clock was within
        // two frames (80 ms) of it; a player on the wall clock drifts away from the sound.
        int in_step = 0;
        for (const double lag : lag_s) {
            in_step += std::abs(lag) <= 0.08;
        }
        QVERIFY2(in_step >= static_cast<int>(lag_s.size()) * 9 / 10,
                 qPrintable(QStringLiteral("%1 of %2 frames within 80 ms of the audio clock")
                                .arg(in_step)
                                .arg(lag_s.size())));

        // What the sink played: three 1 kHz beeps, one second apart (a gap in the feed would
        // push the later beeps back).
        QFile file(recording);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll();
        std::vector<float> samples(static_cast<std::size_t>(raw.size()) / sizeof(float));
        std::memcpy(samples.data(), raw.constData(), samples.size() * sizeof(float));
        QVERIFY2(samples.size() > 3 * kRecordRate,
                 qPrintable(QStringLiteral("recorded only %1 samples").arg(samples.size())));
        double loudest = 0.0;
        const std::vector<double> beeps = burstStarts(samples, &loudest);
        QVERIFY2(loudest > 0.1, qPrintable(QStringLiteral("loudest RMS %1").arg(loudest)));
        QVERIFY2(
            beeps.size() == 3,
            qPrintable(
                QStringLiteral("%1 beeps heard, loudest RMS %2").arg(beeps.size()).arg(loudest)));
        QVERIFY2(
            std::abs(beeps[1] - beeps[0] - 1.0) < 0.03 &&
                std::abs(beeps[2] - beeps[1] - 1.0) < 0.03,
            qPrintable(
                QStringLiteral("beeps at %1, %2, %3 s").arg(beeps[0]).arg(beeps[1]).arg(beeps[2])));
        const double crossings = zeroCrossingsPerSecond(samples, beeps[1] + 0.02, beeps[1] + 0.08);
        QVERIFY2(std::abs(crossings - 2000.0) < 150.0,
                 qPrintable(QStringLiteral("%1 zero crossings per second").arg(crossings)));
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestAudio test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_audio.moc"
