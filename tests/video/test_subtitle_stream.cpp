// Tests of reading a video's embedded text subtitle streams through FFmpeg's decoders: the
// three SRT tracks of mpcqt_test.mkv are listed with their languages, chosen by number or
// language, and decode to the cues ffmpeg's own decode gives (on the file's timeline).

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "core/common/error.h"
#include "core/video/media_info.h"
#include "core/video/subtitle_stream.h"

using namespace actbert;
using namespace actbert::video;

namespace {

const std::filesystem::path kVideo =
    std::filesystem::path(ACTBERT_SHARED_DATA_DIR) / "videos" / "mpcqt_test.mkv";

// What the ffmpeg tool decodes from the stream, written back as SRT and read here.
std::vector<SubtitleCue> ffmpegCues(int stream_index) {
    QProcess process;
    process.start(QStringLiteral("ffmpeg"),
                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                   QString::fromStdString(kVideo.string()), QStringLiteral("-map"),
                   QStringLiteral("0:%1").arg(stream_index), QStringLiteral("-f"),
                   QStringLiteral("srt"), QStringLiteral("-")});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        throw std::runtime_error("ffmpeg failed: " + process.readAllStandardError().toStdString());
    }
    const QStringList blocks =
        QString::fromUtf8(process.readAllStandardOutput()).split(QStringLiteral("\n\n"));
    std::vector<SubtitleCue> cues;
    const auto seconds = [](const QString& clock) {
        const auto parts = clock.trimmed().split(QRegularExpression(QStringLiteral("[:,]")));
        return parts[0].toInt() * 3600.0 + parts[1].toInt() * 60.0 + parts[2].toInt() +
               parts[3].toInt() / 1000.0;
    };
    for (const QString& block : blocks) {
        QStringList lines = block.trimmed().split(QLatin1Char('\n'));
        if (lines.size() < 3) {
            continue;
        }
        const auto times = lines[1].split(QStringLiteral(" --> "));
        cues.push_back({seconds(times[0]), seconds(times[1]),
                        lines.mid(2).join(QLatin1Char('\n')).toStdString()});
    }
    return cues;
}

}  // namespace

class TestSubtitleStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void streamsAreListedWithTheirLanguage() {
        const MediaInfo info = readMediaInfo(kVideo);
        const auto streams = info.streamsOf(StreamKind::Subtitle);
        QCOMPARE(streams.size(), std::size_t(3));
        QCOMPARE(streams[0]->language, std::string("eng"));
        QCOMPARE(streams[1]->language, std::string("spa"));
        QCOMPARE(streams[2]->language, std::string("fre"));
        QCOMPARE(chooseSubtitleStream(info, {}, "spa"), streams[1]->index);
        QCOMPARE(chooseSubtitleStream(info, {}, "es"), streams[1]->index);
        QCOMPARE(chooseSubtitleStream(info, {}, "fra"), streams[2]->index);  // fre = fra
        QCOMPARE(chooseSubtitleStream(info, streams[0]->index, ""), streams[0]->index);
        const auto expectError = [&](std::optional<int> stream, const std::string& language,
                                     const std::string& needle) {
            try {
                chooseSubtitleStream(info, stream, language);
                QFAIL("an impossible choice was accepted");
            } catch (const Error& error) {
                const std::string message = error.what();
                QVERIFY2(message.find(needle) != std::string::npos, message.c_str());
                QVERIFY2(message.find("(spa, subrip)") != std::string::npos, message.c_str());
            }
        };
        expectError(info.best_audio_stream >= 0 ? std::optional(info.audio()->index) : 99, "",
                    "is no subtitle stream");
        expectError({}, "deu", "no subtitle stream in the language 'deu'");
    }

    void cuesMatchFfmpegsDecode() {
        const MediaInfo info = readMediaInfo(kVideo);
        for (const auto* stream : info.streamsOf(StreamKind::Subtitle)) {
            const SubtitleTrack track = readSubtitleStream(kVideo, stream->index);
            QCOMPARE(track.language, stream->language);
            QCOMPARE(track.codec, std::string("subrip"));
            const auto expected = ffmpegCues(stream->index);
            QCOMPARE(track.cues.size(), expected.size());
            QVERIFY(!expected.empty());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                // Both on the file's timeline: the container's start time (-0.007 s here,
                // the packets say 1.800 s) is 0 s, as for the frames.
                QCOMPARE(track.cues[i].text, expected[i].text);
                QVERIFY(std::abs(track.cues[i].start_s - expected[i].start_s) < 1e-6);
                QVERIFY(std::abs(track.cues[i].end_s - expected[i].end_s) < 1e-6);
            }
        }
        const SubtitleTrack spanish =
            readSubtitleStream(kVideo, chooseSubtitleStream(info, {}, "es"));
        QCOMPARE(spanish.cues.at(1).text, std::string("Autor: Lubo Ondrasko"));
    }

    void assMarkupBecomesPlainText() {
        QCOMPARE(assToPlainText("{\\i1}two{\\i0}\\Nlines\\hhere"), std::string("two\nlines here"));
        QCOMPARE(assToPlainText("a {unclosed"), std::string("a {unclosed"));
    }

    void picturesAndOtherStreamsAreRefused() {
        QVERIFY_THROWS_EXCEPTION(Error, readSubtitleStream(kVideo, 0));  // the video stream
        QVERIFY_THROWS_EXCEPTION(Error, readSubtitleStream(kVideo, 42));
    }
};

QTEST_GUILESS_MAIN(TestSubtitleStream)
#include "test_subtitle_stream.moc"
