#pragma once
// The checked command line of one command: options already validated against the command's
// table row (cli_command.h), so a getter never meets a malformed value.
// Threading: immutable after parsing; read from the command's thread.

#include <QStringList>

#include <cstdint>
#include <map>
#include <string>

#include "app/cli/cli_command.h"

namespace actbert::cli {

class CliArguments {
public:
    // Parses `words` (what follows the command's name) for `command`. Throws UsageError for an
    // unknown option, a missing or malformed value, a missing required option or a wrong
    // number of positional arguments. `help` is set instead of throwing when -h/--help is given.
    CliArguments(const CliCommand& command, const QStringList& words);

    bool helpRequested() const { return help_; }

    bool isSet(const std::string& name) const;
    // The last value given, else the option's default, else "".
    QString value(const std::string& name) const;
    std::string text(const std::string& name) const { return value(name).toStdString(); }
    QStringList values(const std::string& name) const;  // every value of a repeatable option
    // Typed values of Integer / Number options (given or default; 0 when neither).
    std::int64_t integer(const std::string& name) const;
    double number(const std::string& name) const;

    const QStringList& positional() const { return positional_; }
    std::string positional(qsizetype index) const { return positional_.at(index).toStdString(); }

    const CliCommand& command() const { return *command_; }

private:
    const CliOption& spec(const std::string& name) const;

    const CliCommand* command_;
    bool help_ = false;
    std::map<std::string, QStringList> given_;  // option name -> values in order
    QStringList positional_;
};

// Throws UsageError when `text` is not a valid value of `option`; the message names it.
void checkValue(const CliOption& option, const QString& text);

}  // namespace actbert::cli
