// Narration readers (SRT, WebVTT, HowTo100M CSV/JSON) and clip alignment.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/common/error.h"
#include "core/text/clip_aligner.h"
#include "core/text/narration_reader.h"
#include "text/text_test_support.h"

using actbert::text::ClipAligner;
using actbert::text::ClipOptions;
using actbert::text::Narration;
using actbert::text::NarrationReader;
using actbert::text::NarrationSegment;

namespace {

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const actbert::Error& error) {
        return error.what();
    }
    return {};
}

// Extracts subtitle track `track` of the shared mpc-qt test video with the ffmpeg CLI.
std::string extractSubtitles(const QString& format, const QString& out_path) {
    const auto video = actbert::text::testing::sharedData("videos/mpcqt_test.mkv");
    QProcess ffmpeg;
    ffmpeg.start(
        QStringLiteral("ffmpeg"),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-i"),
         QString::fromStdString(video.string()), QStringLiteral("-map"), QStringLiteral("0:s:0"),
         QStringLiteral("-f"), format, out_path});
    if (!ffmpeg.waitForFinished(60000) || ffmpeg.exitCode() != 0) {
        return {};
    }
    return out_path.toStdString();
}

}  // namespace

class TestNarrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void allRealHowToCsvFilesLoad() {
        const auto folder = actbert::text::testing::sharedData("annotations/howto100m_captions");
        int files = 0;
        std::size_t segments = 0;
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            const auto narrations = NarrationReader::readFile(entry.path());
            QCOMPARE(narrations.size(), std::size_t{1});
            QCOMPARE(narrations[0].video, entry.path().stem().string());
            QVERIFY(!narrations[0].segments.empty());
            for (const auto& segment : narrations[0].segments) {
                QVERIFY(segment.end_s >= segment.start_s);
                QVERIFY(!segment.text.empty());
            }
            segments += narrations[0].segments.size();
            ++files;
        }
        QCOMPARE(files, 60);
        QCOMPARE(segments, std::size_t{6010 - 60});  // lines minus one header per file
        const auto first = NarrationReader::readFile(folder / "2Mn5sVpFDTg.csv");
        QCOMPARE(first[0].segments[0].start_s, 0.19);
        QCOMPARE(first[0].segments[0].end_s, 6.08);
        QCOMPARE(first[0].segments[0].text, std::string("monica's art hall monica"));
    }

    void realSubtitlesExtractedWithFfmpeg() {
        QTemporaryDir dir;
        const auto srt = extractSubtitles(QStringLiteral("srt"), dir.filePath("fox.srt"));
        const auto vtt = extractSubtitles(QStringLiteral("webvtt"), dir.filePath("fox.vtt"));
        QVERIFY2(!srt.empty() && !vtt.empty(), "ffmpeg could not extract the subtitle track");
        const auto from_srt = NarrationReader::readFile(srt);
        const auto from_vtt = NarrationReader::readFile(vtt);
        QCOMPARE(from_srt[0].video, std::string("fox"));
        QVERIFY(from_srt[0].segments.size() >= 2);
        QCOMPARE(from_srt[0].segments[0].start_s, 1.807);
        QCOMPARE(from_srt[0].segments[0].end_s, 4.571);
        QCOMPARE(from_srt[0].segments[0].text,
                 std::string("Red fox (Vulpes vulpes) looking for a mouse in Beluša, Slovakia"));
        QCOMPARE(from_vtt[0].segments.size(), from_srt[0].segments.size());
        for (std::size_t i = 0; i < from_srt[0].segments.size(); ++i) {
            QCOMPARE(from_vtt[0].segments[i].text, from_srt[0].segments[i].text);
            QCOMPARE(from_vtt[0].segments[i].start_s, from_srt[0].segments[i].start_s);
        }
    }

    void srtWithMarkupCrlfAndBom() {
        const std::string srt =
            "\xEF\xBB\xBF"
            "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Add the</i> salt\r\n"
            "and stir\r\n\r\n2\r\n01:00:00,000 --> 01:00:03,250\r\n{\\an8}Chop &amp; fry\r\n";
        const auto segments = NarrationReader::parseSrt(srt, "test.srt");
        QCOMPARE(segments.size(), std::size_t{2});
        QCOMPARE(segments[0].text, std::string("Add the salt and stir"));
        QCOMPARE(segments[0].start_s, 1.0);
        QCOMPARE(segments[0].end_s, 2.5);
        QCOMPARE(segments[1].start_s, 3600.0);
        QCOMPARE(segments[1].end_s, 3603.25);
        QCOMPARE(segments[1].text, std::string("Chop & fry"));
    }

    void webVttWithHeaderNotesAndSettings() {
        const std::string vtt =
            "WEBVTT - cooking\nKind: captions\n\nNOTE written by hand\nfor the test\n\n"
            "intro\n00:01.500 --> 00:04.000 align:start position:10%\n<v Chef>Heat the "
            "oil</v>\n\n00:00:05.000 --> 00:00:06.000\n<c.yellow>Add</c> <00:00:05.500>garlic\n";
        const auto segments = NarrationReader::parseWebVtt(vtt, "test.vtt");
        QCOMPARE(segments.size(), std::size_t{2});
        QCOMPARE(segments[0].start_s, 1.5);
        QCOMPARE(segments[0].end_s, 4.0);
        QCOMPARE(segments[0].text, std::string("Heat the oil"));
        QCOMPARE(segments[1].text, std::string("Add garlic"));
        QVERIFY(errorOf([] {
                    NarrationReader::parseWebVtt("1\n00:01.000 --> 00:02.000\nx\n", "a.vtt");
                }).find("WEBVTT") != std::string::npos);
    }

    void howToJsonWithSeveralVideos() {
        const std::string json = R"({"vidB": {"start": [0.5, 4], "end": [3, 9.5],
            "text": ["cut the onion", "add oil"]}, "vidA": {"start": [], "end": [], "text": []}})";
        const auto narrations = NarrationReader::parseHowToJson(json, "captions.json");
        QCOMPARE(narrations.size(), std::size_t{2});
        const auto& b = narrations[0].video == "vidB" ? narrations[0] : narrations[1];
        QCOMPARE(b.segments.size(), std::size_t{2});
        QCOMPARE(b.segments[1].end_s, 9.5);
        QCOMPARE(b.segments[1].text, std::string("add oil"));
    }

    void quotedCsvFields() {
        const std::string csv = "start,end,text\n1,2,\"salt, pepper and \"\"oil\"\"\"\n3,4,a,b\n";
        const auto segments = NarrationReader::parseHowToCsv(csv, "q.csv");
        QCOMPARE(segments.size(), std::size_t{2});
        QCOMPARE(segments[0].text, std::string("salt, pepper and \"oil\""));
        QCOMPARE(segments[1].text, std::string("a,b"));  // unquoted commas stay in the text
    }

    void badInputNamesFileAndLine() {
        auto message = errorOf(
            [] { NarrationReader::parseSrt("1\n00:00:01,000 -> 00:00:02,000\nx\n", "bad.srt"); });
        QVERIFY(message.find("bad.srt:1") != std::string::npos);
        message = errorOf(
            [] { NarrationReader::parseSrt("1\n00:00:05,000 --> 00:00:02,000\nx\n", "back.srt"); });
        QVERIFY(message.find("back.srt:2") != std::string::npos);
        message = errorOf(
            [] { NarrationReader::parseSrt("1\n00:61:00,000 --> 00:62:00,000\n", "m.srt"); });
        QVERIFY(message.find("bad timestamp") != std::string::npos);
        message =
            errorOf([] { NarrationReader::parseHowToCsv("start,end,text\n1,x,hi\n", "n.csv"); });
        QVERIFY(message.find("n.csv:2") != std::string::npos);
        message = errorOf([] { NarrationReader::parseHowToCsv("begin,stop,words\n", "h.csv"); });
        QVERIFY(message.find("start,end,text") != std::string::npos);
        message =
            errorOf([] { NarrationReader::parseHowToCsv("start,end,text\n1,nan,hi\n", "f.csv"); });
        QVERIFY(!message.empty());
        message = errorOf([] {
            NarrationReader::parseHowToJson(R"({"v": {"start": [1], "end": [], "text": []}})",
                                            "j.json");
        });
        QVERIFY(message.find("different lengths") != std::string::npos);
        message = errorOf([] { NarrationReader::parseHowToJson("{\"v\": [1, 2", "t.json"); });
        QVERIFY(message.find("t.json") != std::string::npos);
        message = errorOf([] { NarrationReader::readFile("/tmp/notes.docx"); });
        QVERIFY(message.find("unknown narration format") != std::string::npos);
        message = errorOf([] { NarrationReader::readFile("/nonexistent/v.srt"); });
        QVERIFY(message.find("/nonexistent/v.srt") != std::string::npos);
    }

    void randomBytesNeverCrashTheParsers() {
        // Mutated valid files and raw noise: each parser either returns or throws
        // actbert::Error, never crashes or throws anything else.
        const std::string seeds[] = {
            "1\n00:00:01,000 --> 00:00:02,000\n<i>Add</i> salt\n\n2\n00:00:03,000 --> "
            "00:00:04,000\nStir\n",
            "WEBVTT\n\nNOTE x\n\n00:01.000 --> 00:02.000 align:start\n<v A>Heat</v>\n",
            "start,end,text\n0.5,1.5,\"cut, dice\"\n2,3,fry\n",
            R"({"v": {"start": [0.5, 1], "end": [1, 2], "text": ["a", "b"]}})"};
        std::uint64_t state = 0x2545F4914F6CDD1Dull;
        const auto next = [&]() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return state;
        };
        int parsed = 0;
        int rejected = 0;
        for (int round = 0; round < 4000; ++round) {
            const std::size_t which = round % 4;
            std::string input = seeds[which];
            const int edits = 1 + static_cast<int>(next() % 6);
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = next() % (input.size() + 1);
                switch (next() % 3) {
                    case 0:
                        input.insert(at, 1, static_cast<char>(next() & 0xFF));
                        break;
                    case 1:
                        if (at < input.size()) {
                            input.erase(at, 1 + next() % 8);
                        }
                        break;
                    default:
                        if (at < input.size()) {
                            input[at] = "0:,.->\"[]{}\n"[next() % 13];
                        }
                        break;
                }
            }
            try {
                switch (which) {
                    case 0:
                        NarrationReader::parseSrt(input, "fuzz.srt");
                        break;
                    case 1:
                        NarrationReader::parseWebVtt(input, "fuzz.vtt");
                        break;
                    case 2:
                        NarrationReader::parseHowToCsv(input, "fuzz.csv");
                        break;
                    default:
                        NarrationReader::parseHowToJson(input, "fuzz.json");
                        break;
                }
                ++parsed;
            } catch (const actbert::Error&) {
                ++rejected;
            }
        }
        QCOMPARE(parsed + rejected, 4000);
        QVERIFY(parsed > 0 && rejected > 0);
    }

    void clipsGetOverlappingText() {
        Narration narration;
        narration.video = "v";
        narration.segments = {
            {0.5, 3.0, "heat oil"}, {3.5, 6.0, "add garlic"}, {8.5, 8.5, "stir"}, {4.0, 8.0, ""}};
        ClipOptions options;
        options.duration_s = 10.0;
        const auto clips = ClipAligner(options).align(narration);
        QCOMPARE(clips.size(), std::size_t{3});
        QCOMPARE(clips[0].text, std::string("heat oil add garlic"));
        QCOMPARE(clips[1].text, std::string("add garlic"));
        QCOMPARE(clips[1].segments, (std::vector<std::size_t>{1, 3}));  // 4-8 touches clip 1 only
        QCOMPARE(clips[2].text, std::string("stir"));
        QCOMPARE(clips[2].start_s, 8.0);
        QCOMPARE(clips[2].end_s, 10.0);
        // Without a duration the clips end with the last segment.
        QCOMPARE(ClipAligner().align(narration).size(), std::size_t{3});
        options.clip_length_s = 2.0;
        QCOMPARE(ClipAligner(options).align(narration).size(), std::size_t{5});
    }

    void clipGroups() {
        ClipOptions options;
        options.group_size = 2;
        const ClipAligner aligner(options);
        const auto groups = aligner.group(5);
        QCOMPARE(groups.size(), std::size_t{3});
        QCOMPARE(groups[2].first_clip, std::size_t{4});
        QCOMPARE(groups[2].clip_count, std::size_t{1});
        options.group_stride = 1;
        const auto sliding = ClipAligner(options).group(3);
        QCOMPARE(sliding.size(), std::size_t{2});
        QCOMPARE(sliding[1].first_clip, std::size_t{1});
        QCOMPARE(sliding[1].clip_count, std::size_t{2});
        QVERIFY(ClipAligner(options).group(0).empty());
    }

    void hostileTimesAreRefused() {
        Narration narration;
        narration.video = "huge";
        narration.segments = {{0.0, 1e12, "forever"}};
        const auto message = errorOf([&] { ClipAligner().align(narration); });
        QVERIFY(message.find("huge") != std::string::npos);
        ClipOptions zero;
        zero.clip_length_s = 0.0;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, ClipAligner{zero});
    }
};

namespace actbert::text::testing {
int runNarrationTests(int argc, char** argv) {
    TestNarrations test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::text::testing

#include "test_narrations.moc"
