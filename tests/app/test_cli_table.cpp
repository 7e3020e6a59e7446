// The command table drives every command line: walking it, every command and subcommand must
// answer an unknown option, a missing value and a malformed value with exit status 2, and its
// --help must be what the table says.

#include <QtTest>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/app_test_support.h"
#include "app/cli/cli_arguments.h"
#include "app/cli/cli_command.h"
#include "app/cli/cli_dispatch.h"

namespace actbert::cli::testing {
namespace {

struct Entry {
    QStringList path;  // the words that select the command: {"model", "init"}
    const CliCommand* command = nullptr;
};

void collect(const CliCommand& command, QStringList path, std::vector<Entry>& entries) {
    path.append(QString::fromStdString(command.name));
    entries.push_back({path, &command});
    for (const auto& sub : command.subcommands) {
        collect(sub, path, entries);
    }
}

std::vector<Entry> everyCommand() {
    std::vector<Entry> entries;
    for (const auto& command : cliCommands()) {
        collect(command, {}, entries);
    }
    return entries;
}

QString name(const Entry& entry) {
    return entry.path.join(QLatin1Char(' '));
}

QStringList with(const Entry& entry, const QStringList& words) {
    return entry.path + words;
}

QString dashed(const CliOption& option) {
    return QStringLiteral("--") + QString::fromStdString(option.name);
}

}  // namespace

class TestCliTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tableIsWellFormed() {
        const auto entries = everyCommand();
        // The issue names these commands and subcommands; they must be rows, not if-chains.
        std::set<QString> names;
        for (const auto& entry : entries) {
            names.insert(name(entry));
        }
        for (const char* expected :
             {"model init", "model import-bert", "model import-paddle", "model info",
              "model encode-text", "backbone init", "backbone train", "vocab train",
              "actions build", "project create", "project info", "features info",
              "score captioning", "synth baselines", "import", "export", "extract", "edit"}) {
            QVERIFY2(names.count(QString::fromLatin1(expected)) == 1, expected);
        }
        for (const auto& entry : entries) {
            const auto& command = *entry.command;
            QVERIFY2(!command.summary.empty(), qPrintable(name(entry)));
            QVERIFY2(command.run != nullptr || !command.subcommands.empty(),
                     qPrintable(name(entry)));
            if (command.run != nullptr) {
                QVERIFY2(QString::fromStdString(command.usage).startsWith(name(entry)),
                         qPrintable(name(entry) + ": " + QString::fromStdString(command.usage)));
            }
            std::set<std::string> option_names;
            for (const auto& option : command.options) {
                QVERIFY2(option_names.insert(option.name).second, option.name.c_str());
                QCOMPARE(option.kind == ValueKind::Flag, option.value_name.empty());
                QVERIFY2(!option.help.empty(), option.name.c_str());
                if (!option.default_value.empty()) {
                    // A default that its own check refuses would break every run without the
                    // option.
                    checkValue(option, QString::fromStdString(option.default_value));
                }
            }
        }
    }

    void sharedOptionsHaveOneHelpText() {
        std::map<std::string, std::set<std::string>> helps;
        std::map<std::string, int> uses;
        for (const auto& entry : everyCommand()) {
            for (const auto& option : entry.command->options) {
                if (option.name == "device" || option.name == "seed" || option.name == "threads" ||
                    option.name == "out") {
                    helps[option.name].insert(option.help);
                    ++uses[option.name];
                }
            }
        }
        for (const char* shared : {"device", "seed", "threads", "out"}) {
            QVERIFY2(uses[shared] >= 2, shared);
            QVERIFY2(helps[shared].size() == 1, shared);
        }
    }

    void helpIsGeneratedFromTheTable() {
        const auto top = runInProcess({QStringLiteral("--help")});
        QCOMPARE(top.exit_code, 0);
        for (const auto& command : cliCommands()) {
            QVERIFY(top.out.contains(QString::fromStdString(command.name)));
            QVERIFY(top.out.contains(QString::fromStdString(command.summary)));
        }
        for (const auto& entry : everyCommand()) {
            const auto& command = *entry.command;
            const auto run = runInProcess(with(entry, {QStringLiteral("--help")}));
            QVERIFY2(run.exit_code == 0, qPrintable(name(entry) + ": " + run.err));
            QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
            QCOMPARE(run.out,
                     QString::fromStdString(commandHelp(command, name(entry).toStdString())));
            QVERIFY2(run.out.startsWith(QStringLiteral("usage: actbert ") + name(entry)),
                     qPrintable(run.out));
            QVERIFY(run.out.contains(QString::fromStdString(command.summary)));
            for (const auto& option : command.options) {
                QVERIFY2(run.out.contains(dashed(option)),
                         qPrintable(name(entry) + dashed(option)));
                QVERIFY(run.out.contains(QString::fromStdString(option.help)));
            }
            for (const auto& sub : command.subcommands) {
                QVERIFY(run.out.contains(QString::fromStdString(sub.name)));
                QVERIFY(run.out.contains(QString::fromStdString(sub.summary)));
            }
            // -h is the same as --help.
            QCOMPARE(runInProcess(with(entry, {QStringLiteral("-h")})).out, run.out);
        }
    }

    void unknownOptionExits2Everywhere() {
        for (const auto& entry : everyCommand()) {
            const auto run = runInProcess(with(entry, {QStringLiteral("--no-such-option")}));
            QVERIFY2(run.exit_code == 2, qPrintable(name(entry)));
            QVERIFY2(run.err.contains(QStringLiteral("--no-such-option")), qPrintable(run.err));
            QVERIFY(run.out.isEmpty());
        }
    }

    void missingValueExits2Everywhere() {
        int checked = 0;
        for (const auto& entry : everyCommand()) {
            for (const auto& option : entry.command->options) {
                if (option.kind == ValueKind::Flag) {
                    continue;
                }
                // At the end of the line, and followed by another option.
                for (const QStringList& words :
                     {QStringList{dashed(option)},
                      QStringList{dashed(option), QStringLiteral("--help")}}) {
                    const auto run = runInProcess(with(entry, words));
                    QVERIFY2(run.exit_code == 2, qPrintable(name(entry) + " " + words.join(' ')));
                    QVERIFY2(
                        run.err.contains(QStringLiteral("missing value after ") + dashed(option)),
                        qPrintable(run.err));
                }
                ++checked;
            }
        }
        QVERIFY(checked > 40);
    }

    void malformedValueExits2Everywhere() {
        int checked = 0;
        for (const auto& entry : everyCommand()) {
            for (const auto& option : entry.command->options) {
                QStringList malformed;
                QString expects;
                if (option.kind == ValueKind::Integer) {
                    malformed = {QStringLiteral("12abc"), QStringLiteral("1.5"), QString()};
                    expects = QStringLiteral(" expects an integer");
                } else if (option.kind == ValueKind::Number) {
                    malformed = {QStringLiteral("fast"), QStringLiteral("1.2.3"),
                                 QStringLiteral("nan")};
                    expects = QStringLiteral(" expects a number");
                } else {
                    continue;
                }
                for (const auto& value : malformed) {
                    // Both spellings: --name VALUE and --name=VALUE.
                    for (const QStringList& words :
                         {QStringList{dashed(option), value},
                          QStringList{dashed(option) + QLatin1Char('=') + value}}) {
                        const auto run = runInProcess(with(entry, words));
                        QVERIFY2(run.exit_code == 2,
                                 qPrintable(name(entry) + " " + words.join(' ')));
                        QVERIFY2(run.err.contains(dashed(option) + expects), qPrintable(run.err));
                    }
                }
                if (std::isfinite(option.minimum)) {
                    const auto below = QString::number(static_cast<long long>(option.minimum) - 1);
                    const auto run = runInProcess(with(entry, {dashed(option), below}));
                    QVERIFY2(run.exit_code == 2, qPrintable(name(entry) + " " + dashed(option)));
                    QVERIFY2(run.err.contains(dashed(option) + QStringLiteral(" must be at least")),
                             qPrintable(run.err));
                }
                ++checked;
            }
        }
        QVERIFY(checked > 20);
    }

    void flagWithValueAndWrongArgumentCountsExit2() {
        int checked = 0;
        for (const auto& entry : everyCommand()) {
            const auto& command = *entry.command;
            if (command.run == nullptr) {
                continue;
            }
            for (const auto& option : command.options) {
                if (option.kind == ValueKind::Flag) {
                    const auto run = runInProcess(with(entry, {dashed(option) + "=yes"}));
                    QVERIFY2(run.exit_code == 2, qPrintable(name(entry) + dashed(option)));
                    QVERIFY(run.err.contains(QStringLiteral("takes no value")));
                }
            }
            if (command.positional.max_count == 0) {
                const auto run = runInProcess(with(entry, {QStringLiteral("extra")}));
                QVERIFY2(run.exit_code == 2, qPrintable(name(entry)));
                QVERIFY2(run.err.contains(QStringLiteral("unexpected argument 'extra'")),
                         qPrintable(run.err));
                ++checked;
            } else if (command.positional.min_count > 0) {
                const auto run = runInProcess(entry.path);
                QVERIFY2(run.exit_code == 2, qPrintable(name(entry)));
                QVERIFY2(run.err.contains(QString::fromStdString(command.positional.names)),
                         qPrintable(run.err));
                ++checked;
            }
        }
        QVERIFY(checked > 15);
    }

    void groupsNeedAKnownSubcommand() {
        for (const char* group :
             {"model", "backbone", "vocab", "actions", "project", "features", "score"}) {
            auto run = runInProcess({QString::fromLatin1(group)});
            QVERIFY2(run.exit_code == 2, group);
            QVERIFY(run.err.contains(QStringLiteral("expected a subcommand")));
            run = runInProcess({QString::fromLatin1(group), QStringLiteral("reticulate")});
            QVERIFY2(run.exit_code == 2, group);
            QVERIFY(run.err.contains(QStringLiteral("unknown subcommand 'reticulate'")));
        }
        QCOMPARE(runInProcess({QStringLiteral("reticulate")}).exit_code, 2);
        QCOMPARE(runInProcess({}).exit_code, 2);
    }

    void runtimeFailureExits1() {
        const auto run = runInProcess(
            {QStringLiteral("probe"), QStringLiteral("/nonexistent/actbert-test/missing.mp4")});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("missing.mp4")), qPrintable(run.err));
        // A well-formed device that is absent is a runtime failure, a malformed one a usage error.
        const QStringList encode{QStringLiteral("model"),
                                 QStringLiteral("encode-text"),
                                 QStringLiteral("--checkpoint"),
                                 QStringLiteral("/nonexistent.st"),
                                 QStringLiteral("--ids"),
                                 QStringLiteral("1 2"),
                                 QStringLiteral("--text-only"),
                                 QStringLiteral("--out"),
                                 QStringLiteral("/nonexistent/out.st")};
        auto device = runInProcess(encode + QStringList{"--device", "cuda:77"});
        QCOMPARE(device.exit_code, 1);
        QVERIFY2(device.err.contains(QStringLiteral("cuda:77")), qPrintable(device.err));
        device = runInProcess(encode + QStringList{"--device", "gpu"});
        QCOMPARE(device.exit_code, 2);
        QVERIFY2(device.err.contains(QStringLiteral("--device expects")), qPrintable(device.err));
    }

    void executableReportsTheSameStatuses() {
        // The real process: what scripts see.
        auto run = runExecutable({QStringLiteral("model"), QStringLiteral("init"),
                                  QStringLiteral("--config"), QStringLiteral("tiny"),
                                  QStringLiteral("--seed"), QStringLiteral("seven")});
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--seed expects an integer, got 'seven'")),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("usage: actbert model init")));
        run = runExecutable(
            {QStringLiteral("synth"), QStringLiteral("--videos"), QStringLiteral("0")});
        QCOMPARE(run.exit_code, 2);
        QVERIFY(run.err.contains(QStringLiteral("--videos must be at least 1")));
        run = runExecutable(
            {QStringLiteral("backbone"), QStringLiteral("train"), QStringLiteral("--epochs")});
        QCOMPARE(run.exit_code, 2);
        QVERIFY(run.err.contains(QStringLiteral("missing value after --epochs")));
        run = runExecutable({QStringLiteral("probe"), QStringLiteral("/nonexistent/a.mp4")});
        QCOMPARE(run.exit_code, 1);
        run = runExecutable({QStringLiteral("model"), QStringLiteral("--help")});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.contains(QStringLiteral("encode-text")));
    }
};

int runTableTests(int argc, char** argv) {
    TestCliTable test;
    return QTest::qExec(&test, argc, argv);
}

}  // namespace actbert::cli::testing

#include "test_cli_table.moc"
