#include "app/cli/cli_dispatch.h"

#include <exception>
#include <iostream>
#include <sstream>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_support.h"
#include "core/common/error.h"
#include "models/common/build_info.h"

namespace actbert::cli {
namespace {

constexpr std::size_t kNameColumn = 24;

void appendRow(std::ostringstream& out, const std::string& left, const std::string& right) {
    out << "  " << left;
    if (left.size() + 2 >= kNameColumn) {
        out << "\n" << std::string(kNameColumn, ' ');
    } else {
        out << std::string(kNameColumn - 2 - left.size(), ' ');
    }
    out << right << '\n';
}

std::string synopsis(const CliCommand& command, const std::string& path) {
    return command.usage.empty() ? path + " SUBCOMMAND ..." : command.usage;
}

// The subcommand `word` names, if any.
const CliCommand* findCommand(std::span<const CliCommand> commands, const QString& word) {
    for (const auto& command : commands) {
        if (word == QString::fromStdString(command.name)) {
            return &command;
        }
    }
    return nullptr;
}

std::string subcommandNames(const CliCommand& command) {
    std::string names;
    for (const auto& sub : command.subcommands) {
        names += (names.empty() ? "" : ", ") + sub.name;
    }
    return names;
}

int runCommand(const CliCommand& command, const std::string& path, const QStringList& words) {
    try {
        const CliArguments arguments(command, words);
        if (arguments.helpRequested()) {
            std::cout << commandHelp(command, path);
            return kExitOk;
        }
        return command.run(arguments);
    } catch (const UsageError& error) {
        printError(std::string(error.what()) + "\nusage: actbert " + synopsis(command, path) +
                   "\n(`actbert " + path + " --help` describes every option)");
        return kExitUsage;
    }
}

int dispatch(const CliCommand& command, const std::string& path, const QStringList& words) {
    if (!command.subcommands.empty() && !words.isEmpty()) {
        if (const auto* sub = findCommand(command.subcommands, words.front())) {
            return dispatch(*sub, path + " " + sub->name, words.mid(1));
        }
    }
    if (command.run != nullptr) {
        return runCommand(command, path, words);
    }
    // A group of subcommands only: help, or a usage error naming what exists.
    if (!words.isEmpty() &&
        (words.front() == QStringLiteral("--help") || words.front() == QStringLiteral("-h"))) {
        std::cout << commandHelp(command, path);
        return kExitOk;
    }
    printError((words.isEmpty() ? "expected a subcommand"
                                : "unknown subcommand '" + toStd(words.front()) + "'") +
               " of '" + path + "': " + subcommandNames(command) + "\n(`actbert " + path +
               " --help` describes each)");
    return kExitUsage;
}

}  // namespace

std::string topLevelHelp() {
    std::ostringstream out;
    out << "usage: actbert COMMAND [ARGS...]\n\ncommands:\n";
    for (const auto& command : cliCommands()) {
        appendRow(out, command.name, command.summary);
    }
    out << "\n`actbert COMMAND --help` describes a command; `actbert --version` prints the\n"
           "version, the LibTorch version and whether CUDA is available.\n"
           "Exit status: 0 done, 1 the work failed, 2 wrong command line, 130 interrupted.\n";
    return out.str();
}

std::string commandHelp(const CliCommand& command, const std::string& path) {
    std::ostringstream out;
    out << "usage: actbert " << synopsis(command, path) << "\n";
    for (const auto& sub : command.subcommands) {
        out << "       actbert " << synopsis(sub, path + " " + sub.name) << "\n";
    }
    out << "\n" << command.summary << "\n";
    if (!command.description.empty()) {
        out << "\n" << command.description << "\n";
    }
    if (!command.subcommands.empty()) {
        out << "\nsubcommands:\n";
        for (const auto& sub : command.subcommands) {
            appendRow(out, sub.name, sub.summary);
        }
    }
    if (command.run != nullptr) {
        out << "\noptions:\n";
        for (const auto& option : command.options) {
            std::string help = option.help;
            if (option.required) {
                help += " (required)";
            } else if (!option.default_value.empty()) {
                help += " (default " + option.default_value + ")";
            }
            appendRow(
                out,
                "--" + option.name + (option.value_name.empty() ? "" : " " + option.value_name),
                help);
        }
        appendRow(out, "-h, --help", "Show this help.");
    }
    if (!command.subcommands.empty()) {
        out << "\n`actbert " << path << " SUBCOMMAND --help` describes each subcommand.\n";
    }
    return out.str();
}

int runCli(const QStringList& words) {
    if (words.isEmpty() || words.front() == QStringLiteral("--help") ||
        words.front() == QStringLiteral("-h")) {
        std::cout << topLevelHelp();
        return words.isEmpty() ? kExitUsage : kExitOk;
    }
    if (words.front() == QStringLiteral("--version")) {
        std::cout << "actbert " << models::describeBuild(models::buildInfo()) << '\n';
        return kExitOk;
    }
    const auto* command = findCommand(cliCommands(), words.front());
    if (command == nullptr) {
        printError("unknown command '" + toStd(words.front()) + "' (see `actbert --help`)");
        return kExitUsage;
    }
    installInterruptHandler();
    try {
        const int status = dispatch(*command, command->name, words.mid(1));
        // A command that finished its work despite a late Ctrl-C reports success: its output
        // is complete. One that stopped short because of it reports the interruption.
        return status != kExitOk && interruptToken().isCancelled() ? kExitInterrupted : status;
    } catch (const Cancelled&) {
        printError("interrupted: stopped before finishing; nothing was left half-written");
        return kExitInterrupted;
    } catch (const std::exception& error) {
        if (interruptToken().isCancelled()) {
            printError(std::string("interrupted: ") + error.what());
            return kExitInterrupted;
        }
        printError(error.what());
        return kExitFailure;
    }
}

}  // namespace actbert::cli
