// Tests of WebVTT and SRT as players read them: cue markup becomes plain text (voices as the
// speaker, inline timestamps as timed chunks), malformed blocks are skipped with a warning
// naming the line, rejected timestamps are rejected, exports escape so a round trip is exact,
// and rolling auto-generated captions import as non-repeating narration with word times.
// Every file here is written by the test in the layout the tools produce.

#include <QTemporaryDir>
#include <QTest>

#include "core/common/error.h"
#include "core/data/annotation_formats.h"
#include "core/data/cue_text.h"
#include "core/data/project_exporter.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"
#include "data_test_support.h"

using namespace actbert;
using namespace actbert::data;
using namespace actbert::data::testing;

namespace {

std::filesystem::path in(const QTemporaryDir& dir, const std::string& name) {
    return std::filesystem::path(dir.path().toStdString()) / name;
}

const std::vector<SegmentRecord>& cuesOf(const AnnotationDocument& document) {
    return document.videos.at(0).tracks.at(0).segments;
}

bool mentions(const std::vector<std::string>& warnings, const std::string& a,
              const std::string& b) {
    for (const auto& warning : warnings) {
        if (warning.find(a) != std::string::npos && warning.find(b) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// Writes `document` in `format`, reads it back and expects the same cues, speakers and chunks.
void expectExactRoundTrip(const AnnotationDocument& document, const std::string& format,
                          const std::filesystem::path& out) {
    AnnotationFormats::write(format, document, out);
    const auto again = AnnotationFormats::read(format, {out}, document.videos.at(0).key);
    const auto& a = cuesOf(document);
    const auto& b = cuesOf(again);
    QCOMPARE(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(b[i].label, a[i].label);
        QCOMPARE(b[i].start_s, a[i].start_s);
        QCOMPARE(b[i].end_s, a[i].end_s);
        if (format == "vtt") {
            QCOMPARE(b[i].speaker, a[i].speaker);
            QVERIFY(b[i].chunks == a[i].chunks);
        }
    }
}

}  // namespace

class TestSubtitles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timestampsFollowTheWebVttRules() {
        QCOMPARE(parseWebVttTimestamp("00:01.500").value_or(-1), 1.5);
        QCOMPARE(parseWebVttTimestamp("01:02:03.004").value_or(-1), 3723.004);
        QCOMPARE(parseWebVttTimestamp("0:00:01.000").value_or(-1), 1.0);  // hours: any digits
        QCOMPARE(parseWebVttTimestamp("100:00:00.000").value_or(-1), 360000.0);
        QCOMPARE(parseWebVttTimestamp("75:00.000").value_or(-1), -1.0);  // needs hours then
        for (const char* bad :
             {"00:00.00", "00:000.000", "00:00:00,000", "0:00.000", "00:60.000", "00:00:60.000",
              "00:61:00.000", "00:00.0000", "1.000", "", "00:00.000x", "-1:00.000"}) {
            QVERIFY2(!parseWebVttTimestamp(bad), bad);
        }
    }

    void cueMarkupBecomesPlainText() {
        QTemporaryDir dir;
        writeFile(in(dir, "markup.vtt"),
                  "WEBVTT\n\n"
                  "first\n00:00:01.000 --> 00:00:02.000 line:0 align:start\n"
                  "<v.loud Roger  Bingham>We <b>are</b> <i>in</i> <u>New</u> <c.yellow.bg>York</c>"
                  " &amp; <lang en-US>Boston</lang> &lt;3 &gt;&nbsp;x&lrm;&rlm;&#65;&#x42;</v>\n\n"
                  "00:02.000 --> 00:04.000\n"
                  "<ruby>kan<rt>ji</rt></ruby> ok <blink>tag</blink> &bogus; a&b\n"
                  "<i>second line\n\n"
                  "00:04.000 --> 00:06.000\n"
                  "<v Esme>one<00:00:04.500> <c>two</c><00:00:05.250> three<00:05.x> four\n");
        const auto document = AnnotationFormats::read("vtt", {in(dir, "markup.vtt")});
        QVERIFY(document.warnings.empty());
        const auto& cues = cuesOf(document);
        QCOMPARE(cues.size(), std::size_t(3));
        QCOMPARE(cues[0].label, std::string("We are in New York & Boston <3 >\xC2\xA0x"
                                            "\xE2\x80\x8E\xE2\x80\x8F"
                                            "AB"));
        QCOMPARE(cues[0].speaker, std::string("Roger Bingham"));
        QCOMPARE(cues[0].external_id, std::string("first"));
        QCOMPARE(cues[1].label, std::string("kanji ok tag &bogus; a&b\nsecond line"));
        QCOMPARE(cues[1].speaker, std::string());
        QCOMPARE(cues[2].label, std::string("one two three four"));
        QCOMPARE(cues[2].speaker, std::string("Esme"));
        // The invalid inline timestamp <00:05.x> is no boundary: its text stays in the chunk.
        const std::vector<TimedText> chunks = {{4.0, "one"}, {4.5, " two"}, {5.25, " three four"}};
        QVERIFY(cues[2].chunks == chunks);
        expectExactRoundTrip(document, "vtt", in(dir, "out.vtt"));
        const std::string exported = readFile(in(dir, "out.vtt"));
        QVERIFY(exported.find("&lt;3 &gt;") != std::string::npos);
        QVERIFY(exported.find("<b>") == std::string::npos);
        QVERIFY(exported.find("<v Esme>one<00:00:04.500> two<00:00:05.250> three four") !=
                std::string::npos);
    }

    void malformedBlocksAreSkippedWithWarnings() {
        QTemporaryDir dir;
        writeFile(in(dir, "mixed.vtt"),
                  "WEBVTT\n\n"
                  "00:00.000 --> 00:01.000\nkept one\n\n"                   // lines 3-4
                  "a stray block\nwithout timing\n\n"                       // line 6
                  "00:01.00 --> 00:02.000\ntwo digit fraction\n\n"          // line 9
                  "bad\n00:000.000 --> 00:03.000\nthree digit seconds\n\n"  // line 13
                  "00:05.000 --> 00:04.000\nends before it starts\n\n"      // line 16
                  "00:06.000 --> 00:07.000\nkept two\n"
                  "00:07.000 --> 00:08.000\nkept three, no blank line before\n");
        const auto document = AnnotationFormats::read("vtt", {in(dir, "mixed.vtt")});
        const auto& cues = cuesOf(document);
        QCOMPARE(cues.size(), std::size_t(3));
        QCOMPARE(cues[0].label, std::string("kept one"));
        QCOMPARE(cues[1].label, std::string("kept two"));
        QCOMPARE(cues[2].label, std::string("kept three, no blank line before"));
        QCOMPARE(cues[2].start_s, 7.0);
        QCOMPARE(document.warnings.size(), std::size_t(4));
        QVERIFY(mentions(document.warnings, "mixed.vtt, line 6", "cue timing"));
        QVERIFY(mentions(document.warnings, "mixed.vtt, line 9", "'00:01.00'"));
        QVERIFY(mentions(document.warnings, "mixed.vtt, line 13", "'00:000.000'"));
        QVERIFY(mentions(document.warnings, "mixed.vtt, line 16", "before it starts"));

        writeFile(in(dir, "noheader.vtt"), "WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n");
        try {
            AnnotationFormats::read("vtt", {in(dir, "noheader.vtt")});
            QFAIL("a file without the WEBVTT signature was read");
        } catch (const Error& error) {
            QVERIFY(std::string(error.what()).find("line 1") != std::string::npos);
        }
    }

    void srtTagsAreMarkup() {
        QTemporaryDir dir;
        writeFile(in(dir, "tags.srt"),
                  "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>hello</i> <B>big</B> <u>under</u> "
                  "<s>gone</s>\r\n<font color=\"#ff0000\" face=\"Arial\">red</font> a < b > c "
                  "<x>\r\n\r\n"
                  "2\r\n00:00:03,000 --> 00:00:0x,000\r\nbroken time\r\n\r\n"
                  "3\r\n00:00:04,000 --> 00:00:05,000 X1:10 X2:20 Y1:5 Y2:9\r\n"
                  "fish &amp; chips\r\n");
        const auto document = AnnotationFormats::read("srt", {in(dir, "tags.srt")});
        const auto& cues = cuesOf(document);
        QCOMPARE(cues.size(), std::size_t(2));
        QCOMPARE(cues[0].label, std::string("hello big under gone\nred a < b > c <x>"));
        // SRT has no character references: what the file says is the text.
        QCOMPARE(cues[1].label, std::string("fish &amp; chips"));
        QVERIFY(mentions(document.warnings, "tags.srt, line 7", "expected a number"));
        expectExactRoundTrip(document, "srt", in(dir, "out.srt"));
        // The same cues through WebVTT: '<' and '&' are escaped there and come back.
        expectExactRoundTrip(document, "vtt", in(dir, "out.vtt"));
    }

    void autoGeneratedCaptionsBecomeCleanNarration() {
        QTemporaryDir dir;
        // The layout video sites serve: each cue repeats the previous line above the new,
        // word-timed one, and a 10 ms cue shows the finished line alone.
        writeFile(in(dir, "auto.vtt"),
                  "WEBVTT\nKind: captions\nLanguage: en\n\n"
                  "00:00:00.000 --> 00:00:02.350 align:start position:0%\n"
                  " \n"
                  "so<00:00:00.320><c> today</c><00:00:00.640><c> we're</c><00:00:01.040><c> "
                  "going</c>\n\n"
                  "00:00:02.350 --> 00:00:02.360 align:start position:0%\n"
                  "so today we're going\n \n\n"
                  "00:00:02.360 --> 00:00:04.990 align:start position:0%\n"
                  "so today we're going\n"
                  "to<00:00:02.600><c> make</c><00:00:03.100><c> pancakes</c>\n\n"
                  "00:00:04.990 --> 00:00:05.000 align:start position:0%\n"
                  "to make pancakes\n \n\n"
                  "00:00:05.000 --> 00:00:07.500 align:start position:0%\n"
                  "to make pancakes\n"
                  "with<00:00:05.400><c> my</c><00:00:05.900><c> grandmother's</c>"
                  "<00:00:06.700><c> recipe</c>\n");
        const auto document = AnnotationFormats::read("vtt", {in(dir, "auto.vtt")}, "pancakes");
        const auto& cues = cuesOf(document);
        QCOMPARE(cues.size(), std::size_t(3));
        QCOMPARE(cues[0].label, std::string("so today we're going"));
        QCOMPARE(cues[1].label, std::string("to make pancakes"));
        QCOMPARE(cues[2].label, std::string("with my grandmother's recipe"));
        QCOMPARE(cues[1].start_s, 2.36);
        QCOMPARE(cues[1].end_s, 4.99);
        const std::vector<TimedText> words = {
            {5.0, "with"}, {5.4, " my"}, {5.9, " grandmother's"}, {6.7, " recipe"}};
        QVERIFY(cues[2].chunks == words);
        QCOMPARE(cues[1].chunks.front().start_s, 2.36);
        QCOMPARE(cues[1].chunks.front().text, std::string("to"));
        QVERIFY(mentions(document.warnings, "auto.vtt", "2 cue(s)"));
        expectExactRoundTrip(document, "vtt", in(dir, "out.vtt"));

        // The same captions converted to SRT (no word times) roll the same way.
        writeFile(in(dir, "auto.srt"),
                  "1\n00:00:00,000 --> 00:00:02,350\nso today we're going\n\n"
                  "2\n00:00:02,360 --> 00:00:04,990\nso today we're going\nto make pancakes\n\n"
                  "3\n00:00:05,000 --> 00:00:07,500\nto make pancakes\nwith my grandmother's "
                  "recipe\n");
        const auto srt = AnnotationFormats::read("srt", {in(dir, "auto.srt")}, "pancakes");
        QCOMPARE(cuesOf(srt).size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(cuesOf(srt)[i].label, cues[i].label);
        }

        // A hand-made file that repeats one line once is not auto-captions and keeps it.
        writeFile(in(dir, "hand.srt"),
                  "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,000 --> 00:00:03,000\n"
                  "No.\n\n3\n00:00:03,000 --> 00:00:04,000\nFine.\n\n4\n00:00:04,000 --> "
                  "00:00:05,000\nGood.\n");
        QCOMPARE(cuesOf(AnnotationFormats::read("srt", {in(dir, "hand.srt")})).size(),
                 std::size_t(4));
    }

    void markupSurvivesTheProject() {
        // Imported into a project and exported again, the plain text is exactly the same.
        QTemporaryDir dir;
        writeFile(in(dir, "talk.vtt"),
                  "WEBVTT\n\n00:01.000 --> 00:02.000\n<b>bold</b> &lt;tag&gt; &amp; more\n\n"
                  "00:02.000 --> 00:03.000\n<v Ann>a -- > b --&gt; c</v>\n");
        const auto document = AnnotationFormats::read("vtt", {in(dir, "talk.vtt")});
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
        ProjectImporter::run(project, document, {}, nullptr, CancelToken());
        ExportSelection selection;
        selection.kinds = AnnotationFormats::defaultKinds("vtt");
        AnnotationFormats::write("vtt", ProjectExporter::collect(project, selection),
                                 in(dir, "out.vtt"));
        const auto again = AnnotationFormats::read("vtt", {in(dir, "out.vtt")});
        QCOMPARE(cuesOf(again).size(), std::size_t(2));
        QCOMPARE(cuesOf(again)[0].label, std::string("bold <tag> & more"));
        QCOMPARE(cuesOf(again)[1].label, std::string("a -- > b --> c"));
    }

    void voicesAndWordTimesSurviveTheProject() {
        // Imported into a project (reopened from disk) and exported again, voices and word
        // times are exactly those of the file.
        QTemporaryDir dir;
        writeFile(in(dir, "talk.vtt"),
                  "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>so<00:01.250> today "
                  "<00:01.900><b>we</b><00:02.333> cook</v>\n\n"
                  "00:03.000 --> 00:04.000\n<v.loud Bob &amp; Co>fine &lt;3</v>\n\n"
                  "00:04.000 --> 00:05.500\nnobody<00:04.700> speaks\n");
        const auto document = AnnotationFormats::read("vtt", {in(dir, "talk.vtt")}, "talk");
        QCOMPARE(cuesOf(document).size(), std::size_t(3));
        QCOMPARE(cuesOf(document)[1].speaker, std::string("Bob & Co"));
        QCOMPARE(cuesOf(document)[0].chunks.size(), std::size_t(4));
        {
            store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
            ProjectImporter::run(project, document, {}, nullptr, CancelToken());
        }
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::OpenExisting);
        const auto track = project.tracks().list().at(0);
        const auto items = project.items().forTrack(track.id);
        QCOMPARE(items.at(0).speaker, std::string("Ann"));
        QCOMPARE(items.at(0).word_times.at(3).start_s, 2.333);
        QCOMPARE(items.at(0).word_times.at(3).text, std::string(" cook"));
        QVERIFY(items.at(2).speaker.empty());
        ExportSelection selection;
        selection.kinds = AnnotationFormats::defaultKinds("vtt");
        const auto collected = ProjectExporter::collect(project, selection);
        std::string difference = compareNarration(document, collected);
        QVERIFY2(difference.empty(), difference.c_str());
        AnnotationFormats::write("vtt", collected, in(dir, "out.vtt"));
        const auto again = AnnotationFormats::read("vtt", {in(dir, "out.vtt")}, "talk");
        difference = compareNarration(document, again);
        QVERIFY2(difference.empty(), difference.c_str());

        // Word times an edit has made stale (the cue now ends before its last word) are left
        // out of the export instead of breaking the cue.
        project.journal().apply(store::EditCommand::moveBoundary(items.at(0).id, store::Edge::End,
                                                                 items.at(0).start_frame + 30),
                                "tester");
        AnnotationFormats::write("vtt", ProjectExporter::collect(project, selection),
                                 in(dir, "edited.vtt"));
        const auto edited = AnnotationFormats::read("vtt", {in(dir, "edited.vtt")}, "talk");
        QVERIFY(edited.warnings.empty());
        QCOMPARE(cuesOf(edited).size(), std::size_t(3));
        QCOMPARE(cuesOf(edited)[0].label, std::string("so today we cook"));
        QCOMPARE(cuesOf(edited)[0].end_s, 2.0);
        QVERIFY(cuesOf(edited)[0].chunks.empty());
        QCOMPARE(cuesOf(edited)[0].speaker, std::string("Ann"));
        QVERIFY(cuesOf(edited)[2].chunks == cuesOf(document)[2].chunks);
    }

    void embeddedStreamImportsThroughTheCli() {
        QTemporaryDir dir;
        const QString video = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/mpcqt_test.mkv");
        const QString project = QString::fromStdString(in(dir, "p.actbert").string());
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("create"), project}).exit_code,
                 0);
        const auto run = [&](QStringList arguments) {
            return runCli(QStringList{QStringLiteral("import"), QStringLiteral("subtitles"), video,
                                      QStringLiteral("--project"), project} +
                          arguments);
        };
        auto result = run({QStringLiteral("--language"), QStringLiteral("spa")});
        QVERIFY2(result.exit_code == 0, result.err.c_str());
        QVERIFY2(result.out.find("2 cues of stream 3 (spa, subrip)") != std::string::npos,
                 result.out.c_str());
        result = run({QStringLiteral("--stream"), QStringLiteral("2")});
        QVERIFY2(result.exit_code == 0, result.err.c_str());
        {
            store::Project opened(in(dir, "p.actbert"), store::Project::OpenMode::OpenExisting);
            const auto key = opened.videos().findByKey("mpcqt_test.mkv");
            QVERIFY(key.has_value());
            const auto spanish = opened.tracks().findByName(key->id, "subtitles-spa");
            const auto english = opened.tracks().findByName(key->id, "subtitles-eng");
            QVERIFY(spanish && english);
            QVERIFY(spanish->kind == store::TrackKind::Captions);
            const auto items = opened.items().forTrack(english->id);
            QCOMPARE(items.size(), std::size_t(2));
            QCOMPARE(
                items[0].label,
                std::string("Red fox (Vulpes vulpes) looking for a mouse in Beluša, Slovakia"));
            QCOMPARE(items[1].label, std::string("Author: Lubo Ondrasko"));
            QCOMPARE(items[0].start_s, 1.807);
        }
        const auto before = snapshot(*std::make_unique<store::Project>(
            in(dir, "p.actbert"), store::Project::OpenMode::OpenExisting));
        // Usage errors exit 2, a stream that is not there 1; neither changes the project.
        QCOMPARE(run({QStringLiteral("--stream"), QStringLiteral("2"), QStringLiteral("--language"),
                      QStringLiteral("spa")})
                     .exit_code,
                 2);
        QCOMPARE(run({QStringLiteral("--stream"), QStringLiteral("two")}).exit_code, 2);
        result = run({QStringLiteral("--stream"), QStringLiteral("1")});
        QCOMPARE(result.exit_code, 1);
        QVERIFY2(result.err.find("2 (eng, subrip), 3 (spa, subrip), 4 (fre, subrip)") !=
                     std::string::npos,
                 result.err.c_str());
        result = run({QStringLiteral("--language"), QStringLiteral("deu")});
        QCOMPARE(result.exit_code, 1);
        store::Project after(in(dir, "p.actbert"), store::Project::OpenMode::OpenExisting);
        const std::string difference = compareDocuments(before, snapshot(after));
        QVERIFY2(difference.empty(), difference.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSubtitles)
#include "test_subtitles.moc"
