// The training engine: schedule, checkpoints, exact resume after SIGKILL, refused resume with
// other model settings, NaN stop keeping the last good checkpoint.
#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/train/checkpoint_folder.h"
#include "core/train/learning_rate_schedule.h"
#include "core/train/trainer.h"
#include "tiny_pretraining_objective.h"

using namespace actbert;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kSteps = 6;

train::TrainingSettings runSettings() {
    train::TrainingSettings settings;
    settings.steps = kSteps;
    settings.learning_rate = 1e-3;
    settings.text_learning_rate = 5e-4;
    settings.warmup_steps = 2;
    settings.accumulation_steps = 2;
    settings.checkpoint_every = 2;
    settings.keep_checkpoints = 2;
    settings.seed = 7;
    return settings;
}

// Child mode: `--child OUT KILL_AFTER_STEP RESUME` trains the tiny model with one thread and
// SIGKILLs itself right after step KILL_AFTER_STEP's metrics are written (0: never).
int runChild(char** argv) {
    torch::set_num_threads(1);
    const fs::path out = argv[2];
    const std::int64_t kill_after = std::stoll(argv[3]);
    const bool resume = std::string(argv[4]) == "1";
    // The initial weights are the caller's: seed them so both runs start alike.
    torch::manual_seed(1);
    tests::TinyPretrainingObjective objective(models::ActBertConfig::tiny());
    train::Trainer trainer(objective, runSettings(), out, resume);
    train::TrainingEvents events;
    events.on_step = [&](const nlohmann::json& step) {
        if (step["step"].get<std::int64_t>() == kill_after)
            ::kill(::getpid(), SIGKILL);
    };
    trainer.run(events);
    return 0;
}

std::vector<nlohmann::json> readMetrics(const fs::path& file) {
    std::vector<nlohmann::json> lines;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            lines.push_back(nlohmann::json::parse(line));
    return lines;
}

int runSelf(const QString& out, int kill_after, bool resume) {
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {"--child", out, QString::number(kill_after), resume ? "1" : "0"});
    if (!child.waitForFinished(120000))
        return -100;
    if (child.exitStatus() == QProcess::CrashExit)
        return -1;
    return child.exitCode();
}

}  // namespace

class TestTrain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void scheduleWarmsUpThenDecays() {
        train::TrainingSettings settings;
        settings.steps = 10;
        settings.warmup_steps = 2;
        QCOMPARE(train::learningRateFactor(settings, 0), 0.5);
        QCOMPARE(train::learningRateFactor(settings, 1), 1.0);
        QCOMPARE(train::learningRateFactor(settings, 2), 1.0);
        QCOMPARE(train::learningRateFactor(settings, 6), 0.5);
        QCOMPARE(train::learningRateFactor(settings, 10), 0.0);
        settings.decay = train::LearningRateDecay::cosine;
        QVERIFY(std::abs(train::learningRateFactor(settings, 6) - 0.5) < 1e-12);
        QVERIFY(train::learningRateFactor(settings, 4) > 0.75);
    }

    void resumeAfterSigkillIsExact() {
        QTemporaryDir straight, killed;
        QCOMPARE(runSelf(straight.path(), 0, false), 0);
        // Killed after step 5 (checkpoint 4 on disk, step 5 in the metrics), resumed twice
        // (the second resume starts from the final checkpoint and has nothing left to do).
        QCOMPARE(runSelf(killed.path(), 5, false), -1);
        QVERIFY(train::newestCheckpoint(killed.path().toStdString())->filename() == "checkpoint-4");
        QCOMPARE(readMetrics(fs::path(killed.path().toStdString()) / "metrics.jsonl").size(),
                 size_t(5));
        QCOMPARE(runSelf(killed.path(), 0, true), 0);
        const auto expected =
            readMetrics(fs::path(straight.path().toStdString()) / "metrics.jsonl");
        const auto got = readMetrics(fs::path(killed.path().toStdString()) / "metrics.jsonl");
        QCOMPARE(expected.size(), size_t(kSteps));
        QCOMPARE(got.size(), size_t(kSteps));
        for (size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i]["step"].get<std::int64_t>(), std::int64_t(i + 1));
            for (const char* key : {"loss", "loss_mlm", "loss_action", "loss_region", "loss_match",
                                    "lr", "grad_norm"})
                QVERIFY2(got[i][key].get<double>() == expected[i][key].get<double>(),
                         (std::string(key) + " differs at step " + std::to_string(i + 1)).c_str());
        }
        // Losses change over the run, so equality above is not a constant.
        QVERIFY(expected[0]["loss"].get<double>() != expected[5]["loss"].get<double>());
        const fs::path out = killed.path().toStdString();
        QVERIFY(fs::is_regular_file(out / "final" / train::kModelFile));
        QVERIFY(fs::is_regular_file(out / "final" / train::kConfigFile));
        QVERIFY(fs::is_regular_file(out / "final" / train::kTrainingStateFile));
        // Last 2 kept: checkpoint-4 and checkpoint-6.
        QVERIFY(!fs::exists(out / "checkpoint-2"));
        QVERIFY(fs::exists(out / "checkpoint-4") && fs::exists(out / "checkpoint-6"));
    }

    void resumeWithOtherModelSettingsIsRefused() {
        QTemporaryDir dir;
        auto settings = runSettings();
        settings.steps = 1;
        tests::TinyPretrainingObjective first(models::ActBertConfig::tiny());
        train::Trainer(first, settings, dir.path().toStdString(), false).run();
        auto other = models::ActBertConfig::tiny();
        other.text.num_layers += 1;
        tests::TinyPretrainingObjective second(other);
        train::Trainer trainer(second, settings, dir.path().toStdString(), true);
        try {
            trainer.run();
            QFAIL("resume with other model settings was accepted");
        } catch (const train::TrainingError& error) {
            QVERIFY2(
                std::string(error.what()).find("different model settings") != std::string::npos,
                error.what());
        }
    }

    void nanLossStopsNamingTheStepAndKeepsCheckpoint() {
        QTemporaryDir dir;
        auto settings = runSettings();
        settings.accumulation_steps = 1;
        // Micro-batch 2 is step 3.
        tests::TinyPretrainingObjective objective(models::ActBertConfig::tiny(), 2);
        std::vector<nlohmann::json> events_seen;
        train::TrainingEvents events;
        events.on_event = [&](const nlohmann::json& e) { events_seen.push_back(e); };
        train::Trainer trainer(objective, settings, dir.path().toStdString(), false);
        try {
            trainer.run(events);
            QFAIL("a NaN loss did not stop the run");
        } catch (const train::TrainingError& error) {
            const std::string message = error.what();
            QVERIFY2(message.find("NaN at step 3") != std::string::npos, error.what());
            QVERIFY2(message.find("checkpoint-2") != std::string::npos, error.what());
        }
        const fs::path out = dir.path().toStdString();
        QVERIFY(fs::is_regular_file(out / "checkpoint-2" / train::kModelFile));
        QVERIFY(!fs::exists(out / "final"));
        QCOMPARE(readMetrics(out / "metrics.jsonl").size(), size_t(2));
        QVERIFY(!events_seen.empty());
        QCOMPARE(events_seen.back()["event"].get<std::string>(), std::string("failed"));
    }
};

int main(int argc, char** argv) {
    if (argc == 5 && std::string(argv[1]) == "--child")
        return runChild(argv);
    QCoreApplication app(argc, argv);
    TestTrain test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_train.moc"
