#include "app/cli/cli_support.h"

#include <cstdio>
#include <iostream>

namespace actbert::cli {

bool parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                      const QString& usage) {
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help_option({QStringLiteral("h"), QStringLiteral("help")},
                                         QStringLiteral("Show this help."));
    parser.addOption(help_option);
    // QCommandLineParser expects the program name first.
    QStringList full = arguments;
    full.prepend(QStringLiteral("actbert"));
    if (!parser.parse(full)) {
        throw UsageError(toStd(parser.errorText()) + "\nusage: actbert " + toStd(usage));
    }
    if (parser.isSet(help_option)) {
        std::cout << "usage: actbert " << toStd(usage) << "\n\n"
                  << toStd(parser.helpText().section(QLatin1Char('\n'), 2));
        return false;
    }
    return true;
}

QStringList requirePositional(const QCommandLineParser& parser, int count, const QString& what,
                              bool at_least) {
    const QStringList positional = parser.positionalArguments();
    const bool ok = at_least ? positional.size() >= count : positional.size() == count;
    if (!ok) {
        throw UsageError("expected " + std::string(at_least ? "at least " : "") +
                         std::to_string(count) + " argument(s): " + toStd(what) + ", got " +
                         std::to_string(positional.size()));
    }
    return positional;
}

int parseIntOption(const QCommandLineParser& parser, const QString& name) {
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok) {
        throw UsageError("--" + toStd(name) + " expects an integer, got '" +
                         toStd(parser.value(name)) + "'");
    }
    return value;
}

double parseDoubleOption(const QCommandLineParser& parser, const QString& name) {
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok) {
        throw UsageError("--" + toStd(name) + " expects a number, got '" +
                         toStd(parser.value(name)) + "'");
    }
    return value;
}

void printLine(const std::string& line) {
    std::cout << line << '\n';
}

void printError(const std::string& message) {
    std::cout.flush();
    std::cerr << "actbert: " << message << '\n';
}

std::string toStd(const QString& text) {
    return text.toStdString();
}

}  // namespace actbert::cli
