#pragma once
// What every CLI command shares: parsing its options, printing, exit codes.

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <string>

namespace actbert::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the work failed (bad input file, I/O error, ...)
inline constexpr int kExitUsage = 2;    // the command line itself was wrong

// Thrown by commands for a wrong command line; main prints it with the usage hint.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses `arguments` (the words after the command name) with `parser`, adding -h/--help.
// `usage` is the synopsis line, e.g. "probe FILE [--json] [--frames]".
// Returns false when help was printed (the command should return kExitOk).
// Throws UsageError for unknown options or missing values.
bool parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                      const QString& usage);

// Requires exactly `count` positional arguments (or at least, when `at_least` is set).
QStringList requirePositional(const QCommandLineParser& parser, int count, const QString& what,
                              bool at_least = false);

// Value parsing with errors that name the option.
int parseIntOption(const QCommandLineParser& parser, const QString& name);
double parseDoubleOption(const QCommandLineParser& parser, const QString& name);

void printLine(const std::string& line);      // stdout, newline-terminated
void printError(const std::string& message);  // stderr, prefixed with "actbert: "

std::string toStd(const QString& text);

}  // namespace actbert::cli
