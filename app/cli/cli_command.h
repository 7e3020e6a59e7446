#pragma once
// The descriptor table of the `actbert` executable: every command, its subcommands, options and
// positional arguments are data, so parsing, typed value checks, exit codes and `--help` are
// written once (cli_dispatch.cpp) instead of once per command. OBS registers sources the same way.
//
//   const CliCommand& probeCommand() {
//       static const CliOption options[] = {flagOption("json", "Print one JSON object.")};
//       static const CliCommand command{.name = "probe", .summary = "...",
//                                       .usage = "probe FILE [--json]", .options = options,
//                                       .positional = {"FILE", 1, 1}, .run = runProbe};
//       return command;
//   }

#include <QStringList>

#include <limits>
#include <span>
#include <string>

namespace actbert::cli {

class CliArguments;

// What an option's value must look like; checked before the command runs.
enum class ValueKind {
    Flag,     // no value
    Text,     // any string (file names, keys, labels)
    Integer,  // a whole number, e.g. 12 or -3
    Number,   // a decimal number, e.g. 0.5 or 1e-3
};

struct CliOption {
    std::string name{};  // long name without dashes: "seed" is given as --seed
    ValueKind kind = ValueKind::Flag;
    std::string value_name{};     // shown in help: --seed N
    std::string help{};           // one sentence
    std::string default_value{};  // used when the option is not given (empty: none)
    bool required = false;        // a usage error when missing
    // Smallest value an Integer or Number option accepts.
    double minimum = -std::numeric_limits<double>::infinity();

    // Builders for the table rows: textOption("out", "FILE", "...").require().
    CliOption require() const;
    CliOption withDefault(std::string value) const;
    CliOption atLeast(double smallest) const;
};

CliOption flagOption(std::string name, std::string help);
CliOption textOption(std::string name, std::string value_name, std::string help);
CliOption integerOption(std::string name, std::string value_name, std::string help);
CliOption numberOption(std::string name, std::string value_name, std::string help);

struct CliPositional {
    std::string names{};  // for the error message and help, e.g. "FILE..." or "FORMAT FILE..."
    int min_count = 0;
    int max_count = 0;  // kUnlimited for any number
    static constexpr int kUnlimited = std::numeric_limits<int>::max();
};

struct CliCommand {
    std::string name{};     // the word typed: `actbert NAME` or `actbert PARENT NAME`
    std::string summary{};  // one line for the parent's list
    // Synopsis after "actbert ", e.g. "probe FILE [--json]"; empty for a command that only
    // groups subcommands (its help lists them).
    std::string usage{};
    std::span<const CliOption> options{};
    CliPositional positional{};
    // Runs with already checked arguments and returns the exit status. Null for a command that
    // only groups subcommands.
    int (*run)(const CliArguments& arguments) = nullptr;
    // `actbert NAME SUB ...`: when the first word names a subcommand, it runs instead.
    std::span<const CliCommand> subcommands{};
    std::string description{};  // optional paragraph printed by --help under the usage line
};

// Every top-level command, in the order `actbert --help` lists them (command_table.cpp).
std::span<const CliCommand> cliCommands();

}  // namespace actbert::cli
