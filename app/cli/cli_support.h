#pragma once
// What every CLI command shares: exit codes, the usage error, printing.

#include <QString>

#include <stdexcept>
#include <string>

namespace actbert::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;        // the work failed (bad input file, I/O error, ...)
inline constexpr int kExitUsage = 2;          // the command line itself was wrong
inline constexpr int kExitInterrupted = 130;  // SIGINT (Ctrl-C): 128 + 2, as shells report it

// Thrown for a wrong command line; the dispatcher prints it with the command's usage line and
// exits with kExitUsage.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void printLine(const std::string& line);      // stdout, newline-terminated
void printError(const std::string& message);  // stderr, prefixed with "actbert: "

std::string toStd(const QString& text);

}  // namespace actbert::cli
