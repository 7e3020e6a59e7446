#include "core/common/terminal_progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace actbert {
namespace {

constexpr int kBarCells = 24;

double steadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

int terminalColumns(std::FILE* stream) {
    winsize size{};
    if (::ioctl(::fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 80;
}

std::string formatRate(double rate, const std::string& unit) {
    char text[64];
    std::snprintf(text, sizeof(text), rate < 10.0 ? "%.2f %s/s" : "%.1f %s/s", rate, unit.c_str());
    return text;
}

// Cuts `line` to at most `bytes` bytes without splitting a UTF-8 sequence.
void truncateUtf8(std::string& line, std::size_t bytes) {
    if (line.size() <= bytes) {
        return;
    }
    while (bytes > 0 && (static_cast<unsigned char>(line[bytes]) & 0xC0) == 0x80) {
        --bytes;
    }
    line.resize(bytes);
}

}  // namespace

TerminalProgress::TerminalProgress(std::string title, Options options)
    : title_(std::move(title)), options_(std::move(options)) {
    if (!options_.clock) {
        options_.clock = steadySeconds;
    }
    interactive_ = options_.interactive.value_or(isInteractive(options_.stream));
    width_ = options_.width > 0 ? options_.width
             : interactive_     ? terminalColumns(options_.stream)
                                : 80;
    start_s_ = options_.clock();
}

TerminalProgress::~TerminalProgress() {
    finish();
}

bool TerminalProgress::isInteractive(std::FILE* stream) {
    if (::isatty(::fileno(stream)) == 0) {
        return false;
    }
    const char* ci = std::getenv("CI");
    if (ci != nullptr && *ci != '\0' && std::strcmp(ci, "false") != 0 &&
        std::strcmp(ci, "0") != 0) {
        return false;
    }
    const char* term = std::getenv("TERM");
    return term == nullptr || std::strcmp(term, "dumb") != 0;
}

std::string TerminalProgress::formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0.0) {
        return "--:--";
    }
    const auto total = static_cast<long long>(std::llround(seconds));
    char text[32];
    if (total >= 3600) {
        std::snprintf(text, sizeof(text), "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                      total % 60);
    } else {
        std::snprintf(text, sizeof(text), "%lld:%02lld", total / 60, total % 60);
    }
    return text;
}

void TerminalProgress::update(double fraction, const std::string& message) {
    show(fraction, message, false);
}

void TerminalProgress::update(const std::string& stage, const std::string& text, double fraction) {
    bool new_stage = false;
    {
        std::lock_guard lock(mutex_);
        new_stage = stage != last_stage_;
        last_stage_ = stage;
    }
    show(fraction, text, new_stage);
}

ProgressFn TerminalProgress::progressFn() {
    return [this](double fraction, const std::string& message) { update(fraction, message); };
}

std::string TerminalProgress::status(double fraction, double elapsed_s) const {
    char percent[16];
    std::snprintf(percent, sizeof(percent), "%5.1f%%", fraction * 100.0);
    std::string text = percent;
    if (elapsed_s > 0.0 && fraction > 0.0) {
        text += "  " + (options_.total_units > 0.0
                            ? formatRate(fraction * options_.total_units / elapsed_s,
                                         options_.unit.empty() ? "items" : options_.unit)
                            : formatRate(fraction * 100.0 / elapsed_s, "%"));
    }
    if (fraction >= 1.0) {
        text += "  took " + formatDuration(elapsed_s);
    } else if (fraction > 0.0 && elapsed_s > 0.0) {
        // Time left assumes the rate so far holds for the rest.
        text += "  " + formatDuration(elapsed_s * (1.0 - fraction) / fraction) + " left";
    } else {
        text += "  " + formatDuration(-1.0) + " left";
    }
    return text;
}

void TerminalProgress::show(double fraction, const std::string& message, bool force) {
    fraction = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
    std::lock_guard lock(mutex_);
    const double now = options_.clock();
    const double interval = interactive_ ? options_.redraw_interval_s : options_.line_interval_s;
    // The first report, a new stage and the end always show; the rest at most once an interval.
    if (shown_ && !force && fraction < 1.0 && now - last_shown_s_ < interval) {
        return;
    }
    // A repeated report (the end reported twice) adds nothing.
    if (shown_ && fraction == last_fraction_ && message == last_message_) {
        return;
    }
    shown_ = true;
    last_shown_s_ = now;
    last_fraction_ = fraction;
    last_message_ = message;
    const std::string state = status(fraction, now - start_s_);
    if (!interactive_) {
        std::fprintf(options_.stream, "%s: %s%s%s\n", title_.c_str(), state.c_str(),
                     message.empty() ? "" : "  ", message.c_str());
        std::fflush(options_.stream);
        return;
    }
    const int filled = static_cast<int>(std::floor(fraction * kBarCells));
    std::string line = title_ + " [" + std::string(static_cast<std::size_t>(filled), '#') +
                       std::string(static_cast<std::size_t>(kBarCells - filled), '.') + "] " +
                       state;
    if (!message.empty()) {
        line += "  " + message;
    }
    // One column short of the width: writing the last column wraps on some terminals.
    truncateUtf8(line, static_cast<std::size_t>(std::max(width_ - 1, 1)));
    // \r returns to the line's start, ESC[K clears what a longer previous line left.
    std::fprintf(options_.stream, "\r%s\x1b[K", line.c_str());
    std::fflush(options_.stream);
    open_line_ = true;
}

void TerminalProgress::finish() {
    std::lock_guard lock(mutex_);
    if (open_line_) {
        std::fputc('\n', options_.stream);
        std::fflush(options_.stream);
        open_line_ = false;
    }
}

}  // namespace actbert
