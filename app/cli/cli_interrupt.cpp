#include "app/cli/cli_interrupt.h"

#include <unistd.h>
#include <csignal>

namespace actbert::cli {
namespace {

// Created before the handler is installed and never destroyed, so the handler only ever
// touches a live lock-free atomic (CancelToken::cancel is one relaxed store).
CancelToken& processToken() {
    static auto* token = new CancelToken();
    return *token;
}

extern "C" void onInterrupt(int) {
    processToken().cancel();
    constexpr char kMessage[] =
        "\nactbert: interrupt: stopping at the next safe point (Ctrl-C again to kill)\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
    std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void installInterruptHandler() {
    processToken();
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
}

CancelToken interruptToken() {
    return processToken();
}

}  // namespace actbert::cli
