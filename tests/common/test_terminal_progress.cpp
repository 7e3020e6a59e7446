// TerminalProgress: plain throttled lines off a terminal, one redrawn bar on one, with rate and
// time left computed from a fake clock (no real waiting, no timing thresholds).

#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/common/terminal_progress.h"

using actbert::TerminalProgress;

namespace {

// A FILE* whose output the test reads back.
class Capture {
public:
    Capture() : stream_(open_memstream(&buffer_, &size_)) {}
    ~Capture() {
        std::fclose(stream_);
        std::free(buffer_);
    }
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    std::FILE* stream() const { return stream_; }
    std::string text() {
        std::fflush(stream_);
        return std::string(buffer_, size_);
    }
    std::vector<std::string> lines() {
        std::vector<std::string> result;
        const std::string all = text();
        std::size_t begin = 0;
        for (std::size_t end = all.find('\n'); end != std::string::npos;
             begin = end + 1, end = all.find('\n', begin)) {
            result.push_back(all.substr(begin, end - begin));
        }
        return result;
    }

private:
    char* buffer_ = nullptr;
    std::size_t size_ = 0;
    std::FILE* stream_;
};

TerminalProgress::Options plainOptions(Capture& capture, const double& now) {
    TerminalProgress::Options options;
    options.stream = capture.stream();
    options.interactive = false;
    options.line_interval_s = 5.0;
    options.clock = [&now] { return now; };
    return options;
}

}  // namespace

class TestTerminalProgress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainLinesAreThrottledButShowFirstAndLast() {
        Capture capture;
        double now = 100.0;
        {
            TerminalProgress progress("import", plainOptions(capture, now));
            QVERIFY(!progress.interactive());
            progress.update(0.0, "reading");
            now = 101.0;
            progress.update(0.1, "importing");  // inside the interval: not shown
            now = 102.0;
            progress.update(0.2, "importing");
            now = 105.0;
            progress.update(0.25, "importing");  // 5 s after the first line
            now = 106.0;
            progress.update(1.0, "imported");  // the end always shows...
            progress.update(1.0, "imported");  // ...once
            progress.finish();
        }
        const auto lines = capture.lines();
        QCOMPARE(lines.size(), std::size_t{3});
        QCOMPARE(lines[0], std::string("import:   0.0%  --:-- left  reading"));
        // 25 % in 5 s: 5 %/s, 15 s left.
        QCOMPARE(lines[1], std::string("import:  25.0%  5.00 %/s  0:15 left  importing"));
        QCOMPARE(lines[2], std::string("import: 100.0%  16.7 %/s  took 0:06  imported"));
        QVERIFY(capture.text().find('\r') == std::string::npos);
    }

    void aNewStageAlwaysShows() {
        Capture capture;
        double now = 0.0;
        TerminalProgress progress("export", plainOptions(capture, now));
        progress.update("export.collect", "collecting", 0.0);
        now = 1.0;
        progress.update("export.collect", "collecting", 0.3);  // throttled
        progress.update("export.write", "writing", 0.5);       // new stage
        const auto lines = capture.lines();
        QCOMPARE(lines.size(), std::size_t{2});
        QVERIFY(lines[1].find("writing") != std::string::npos);
        QVERIFY(lines[1].find(" 50.0%") != std::string::npos);
    }

    void terminalRedrawsOneBarWithUnitsRateAndTimeLeft() {
        Capture capture;
        double now = 0.0;
        TerminalProgress::Options options;
        options.stream = capture.stream();
        options.interactive = true;
        options.width = 90;
        options.unit = "videos";
        options.total_units = 20.0;
        options.clock = [&now] { return now; };
        TerminalProgress progress("extract", options);
        now = 5.0;
        progress.update(0.5, "video 10 of 20: a long name that the line cannot hold in full");
        now = 5.01;
        progress.update(0.55, "skipped: inside the redraw interval");
        now = 10.0;
        progress.update(1.0, "done");
        progress.finish();
        progress.finish();  // idempotent
        const std::string text = capture.text();
        // Two redraws, each starting at the line's start and clearing its rest, one newline.
        QCOMPARE(std::count(text.begin(), text.end(), '\r'), 2L);
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), 1L);
        QVERIFY(text.find("skipped") == std::string::npos);
        const std::string first = text.substr(1, text.find("\x1b[K") - 1);
        QCOMPARE(first.size(), std::size_t{89});  // cut one column short of the width
        QVERIFY2(first.rfind("extract [############............]  50.0%  2.00 videos/s  0:05 "
                             "left  video 10",
                             0) == 0,
                 first.c_str());
        QVERIFY(text.find("[########################] 100.0%  2.00 videos/s  took 0:10  done") !=
                std::string::npos);
    }

    void nothingWrittenWithoutUpdates() {
        Capture capture;
        double now = 0.0;
        auto options = plainOptions(capture, now);
        options.interactive = true;
        { TerminalProgress progress("idle", options); }
        QVERIFY(capture.text().empty());
    }

    void outOfRangeFractionsAreClamped() {
        Capture capture;
        double now = 0.0;
        TerminalProgress progress("x", plainOptions(capture, now));
        progress.update(-0.5, "");
        progress.update(7.0, "");
        const auto lines = capture.lines();
        QCOMPARE(lines.size(), std::size_t{2});
        QCOMPARE(lines[0], std::string("x:   0.0%  --:-- left"));
        QVERIFY(lines[1].rfind("x: 100.0%", 0) == 0);
    }

    void aFileIsNoTerminal() {
        std::FILE* file = std::tmpfile();
        QVERIFY(file != nullptr);
        QVERIFY(!TerminalProgress::isInteractive(file));
        std::fclose(file);
    }

    void durations() {
        QCOMPARE(TerminalProgress::formatDuration(0.0), std::string("0:00"));
        QCOMPARE(TerminalProgress::formatDuration(7.4), std::string("0:07"));
        QCOMPARE(TerminalProgress::formatDuration(754.0), std::string("12:34"));
        QCOMPARE(TerminalProgress::formatDuration(3723.0), std::string("1:02:03"));
        QCOMPARE(TerminalProgress::formatDuration(-1.0), std::string("--:--"));
        QCOMPARE(TerminalProgress::formatDuration(1.0 / 0.0), std::string("--:--"));
    }
};

QTEST_GUILESS_MAIN(TestTerminalProgress)
#include "test_terminal_progress.moc"
