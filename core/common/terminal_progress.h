#pragma once
// The progress display of long command-line operations (import, export, extract, synth,
// training, ...): one place that turns core's progress reports into output people can read.
//
//   TerminalProgress progress("extract", {.unit = "videos", .total_units = 12});
//   extractVideos(..., progress.progressFn(), cancel);   // or progress.update(stage, text, f)
//   progress.finish();
//
// On a terminal it redraws one line in place: a bar, the percentage, the rate and the time
// left. When the stream is not a terminal (a pipe, a log file, CI=true) it writes plain
// lines instead, throttled to one per interval plus the first, every new stage and the last,
// so logs stay short and still show the run advancing.
// Threading: update() may be called from any thread (serialised by a mutex); the object must
// outlive every ProgressFn it handed out.

#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/common/progress.h"

namespace actbert {

class TerminalProgress {
public:
    // Seconds on a monotonic clock; tests pass a fake one.
    using Clock = std::function<double()>;

    struct Options {
        std::FILE* stream = stderr;
        // Unset: a bar when `stream` is a terminal and the environment is not CI (CI set to
        // anything but "false"/"0") and TERM is not "dumb"; else plain lines.
        std::optional<bool> interactive{};
        int width = 0;                   // columns of the bar's line; 0: ask the terminal
        double line_interval_s = 5.0;    // plain lines: at most one per interval
        double redraw_interval_s = 0.1;  // terminal: at most this often
        // With a total, the rate is in these units per second ("videos/s"); else in %/s.
        std::string unit{};
        double total_units = 0.0;
        Clock clock{};  // empty: std::chrono::steady_clock
    };

    explicit TerminalProgress(std::string title, Options options);
    explicit TerminalProgress(std::string title) : TerminalProgress(std::move(title), Options{}) {}
    ~TerminalProgress();  // finish()
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    // fraction of the whole operation in [0, 1] (clamped); message says what is being done.
    void update(double fraction, const std::string& message);
    // Structured progress (jobs::JobProgress's fields): a new stage always shows.
    void update(const std::string& stage, const std::string& text, double fraction);
    ProgressFn progressFn();
    // Ends the bar's line (terminal) so later output starts on its own line. Idempotent;
    // nothing is written when no update came.
    void finish();

    bool interactive() const { return interactive_; }

    // Whether `stream` is a terminal people watch, as Options::interactive's default decides.
    static bool isInteractive(std::FILE* stream);
    // "0:07", "12:34", "1:02:03"; "--:--" for an unknown (negative or non-finite) time.
    static std::string formatDuration(double seconds);

private:
    void show(double fraction, const std::string& message, bool force);
    std::string status(double fraction, double elapsed_s) const;

    std::string title_;
    Options options_;
    bool interactive_ = false;
    int width_ = 80;
    double start_s_ = 0.0;

    std::mutex mutex_;
    bool shown_ = false;      // something was written
    bool open_line_ = false;  // the bar's line awaits its newline
    double last_shown_s_ = 0.0;
    double last_fraction_ = -1.0;
    std::string last_message_;
    std::string last_stage_;
};

}  // namespace actbert
