#pragma once
// Ctrl-C for the command line: the first SIGINT cancels the running command's CancelToken, so
// it stops at its next safe point, rolls back or removes what it was writing, and the
// dispatcher exits with 130. A second SIGINT kills the process at once (the default action);
// atomic writes and store transactions still leave nothing half-written.
// Threading: the token may be polled from any thread.

#include "core/common/progress.h"

namespace actbert::cli {

// Installs the SIGINT handler (idempotent). Called by the dispatcher before a command runs.
void installInterruptHandler();

// The token SIGINT cancels: pass it to every long operation a command starts.
CancelToken interruptToken();

}  // namespace actbert::cli
