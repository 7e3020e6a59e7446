// Tests of core/jobs: the runner's states, cancel, supersede, lanes, failures, structured
// progress and the owner-lifetime guarantee.

#include <QTest>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/jobs/job_group.h"
#include "core/jobs/job_run_status.h"
#include "core/jobs/job_runner.h"

using namespace actbert;
using namespace actbert::jobs;

namespace {

// A one-shot gate a job can wait on; the wait gives up after a long time so a broken runner
// fails the test instead of hanging it.
class Gate {
public:
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    bool waitOpen() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
};

// Work that runs until cancelled (polling like real loops do), opening `started` first.
std::function<void(const JobCallbacks&)> untilCancelled(std::shared_ptr<Gate> started) {
    return [started](const JobCallbacks& callbacks) {
        started->open();
        for (int i = 0; i < 20000; ++i) {
            callbacks.throwIfCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        throw std::runtime_error("was never cancelled");
    };
}

JobSpec spec(std::string kind, std::string owner, std::function<void(const JobCallbacks&)> work,
             Lane lane = Lane::cpu()) {
    JobSpec job;
    job.kind = std::move(kind);
    job.owner = std::move(owner);
    job.work = std::move(work);
    job.lane = lane;
    return job;
}

JobStatus ended(JobRunner& runner, JobId id) {
    runner.wait(id);
    const auto status = runner.status(id);
    if (!status) {
        throw std::runtime_error("job vanished");
    }
    return *status;
}

}  // namespace

class TestJobs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void finishedJobReportsProgressAndLog() {
        JobRunner runner({2, 0});
        std::vector<double> seen;
        std::mutex seen_mutex;
        const JobId id = runner.submit(spec("count", "", [&](const JobCallbacks& callbacks) {
            for (int i = 0; i <= 4; ++i) {
                callbacks.report("count", "step " + std::to_string(i), i / 4.0);
            }
            callbacks.logLine("counted to four");
        }));
        const auto listener = runner.addListener([&](const JobStatus& status) {
            std::lock_guard lock(seen_mutex);
            seen.push_back(status.progress.fraction);
        });
        const JobStatus status = ended(runner, id);
        runner.removeListener(listener);
        QCOMPARE(status.state, JobState::Finished);
        QCOMPARE(status.kind, std::string("count"));
        QCOMPARE(status.progress.stage, std::string("count"));
        QCOMPARE(status.progress.fraction, 1.0);
        QCOMPARE(status.log, std::vector<std::string>{"counted to four"});
        QCOMPARE(status.last_message, std::string("counted to four"));
        QVERIFY(status.ended >= status.started);
        QCOMPARE(std::string(toString(status.state)), std::string("finished"));
    }

    void cancelStopsARunningJob() {
        JobRunner runner({1, 0});
        auto started = std::make_shared<Gate>();
        std::atomic<int> ends{0};
        JobSpec job = spec("loop", "", untilCancelled(started));
        job.on_end = [&](const JobStatus& status) {
            QCOMPARE(status.state, JobState::Cancelled);
            ++ends;
        };
        const JobId id = runner.submit(std::move(job));
        QVERIFY(started->waitOpen());
        QVERIFY(runner.cancel(id));
        QCOMPARE(ended(runner, id).state, JobState::Cancelled);
        QCOMPARE(ends.load(), 1);
        QVERIFY(!runner.cancel(id));  // already ended
    }

    void cancelledQueuedJobNeverRuns() {
        JobRunner runner({1, 0});
        auto started = std::make_shared<Gate>();
        const JobId blocker = runner.submit(spec("block", "", untilCancelled(started)));
        QVERIFY(started->waitOpen());
        std::atomic<bool> ran{false};
        std::atomic<int> ends{0};
        JobSpec queued = spec("queued", "", [&](const JobCallbacks&) { ran = true; });
        queued.on_end = [&](const JobStatus&) { ++ends; };
        const JobId id = runner.submit(std::move(queued));
        QCOMPARE(runner.status(id)->state, JobState::Queued);
        QVERIFY(runner.cancel(id));
        QCOMPARE(ended(runner, id).state, JobState::Cancelled);
        runner.cancel(blocker);
        runner.wait(blocker);
        QVERIFY(!ran.load());
        QCOMPARE(ends.load(), 1);
    }

    void resubmittingOwnerAndKindSupersedesTheRunningJob() {
        JobRunner runner({2, 0});
        auto started = std::make_shared<Gate>();
        const JobId old_id = runner.submit(spec("index", "video-a", untilCancelled(started)));
        QVERIFY(started->waitOpen());
        std::atomic<bool> old_ended_first{false};
        const JobId new_id = runner.submit(spec("index", "video-a", [&](const JobCallbacks&) {
            // The replacement starts only once the old one has ended.
            old_ended_first = runner.status(old_id)->isEnded();
        }));
        const JobStatus old_status = ended(runner, old_id);
        QCOMPARE(old_status.state, JobState::Cancelled);
        QCOMPARE(old_status.superseded_by, new_id);
        QCOMPARE(ended(runner, new_id).state, JobState::Finished);
        QVERIFY(old_ended_first.load());
    }

    void resubmittingSupersedesAQueuedJobAndOnlyTheSameOwnerAndKind() {
        JobRunner runner({1, 0});
        auto started = std::make_shared<Gate>();
        const JobId blocker = runner.submit(spec("block", "", untilCancelled(started)));
        QVERIFY(started->waitOpen());
        std::atomic<int> first_runs{0};
        const JobId first =
            runner.submit(spec("thumbs", "video-a", [&](const JobCallbacks&) { ++first_runs; }));
        const JobId other_owner = runner.submit(spec("thumbs", "video-b", [](const auto&) {}));
        const JobId other_kind = runner.submit(spec("index", "video-a", [](const auto&) {}));
        const JobId second = runner.submit(spec("thumbs", "video-a", [](const auto&) {}));
        QCOMPARE(runner.status(first)->state, JobState::Cancelled);
        QCOMPARE(runner.status(first)->superseded_by, second);
        runner.cancel(blocker);
        QCOMPARE(ended(runner, second).state, JobState::Finished);
        QCOMPARE(ended(runner, other_owner).state, JobState::Finished);
        QCOMPARE(ended(runner, other_kind).state, JobState::Finished);
        QCOMPARE(first_runs.load(), 0);
    }

    void acceleratorLaneRunsOneJobAtATime() {
        JobRunner runner({4, 1});
        std::atomic<int> running{0};
        std::atomic<int> most{0};
        std::vector<JobId> ids;
        for (int i = 0; i < 6; ++i) {
            ids.push_back(runner.submit(spec(
                "infer", "video-" + std::to_string(i),
                [&](const JobCallbacks&) {
                    const int now = ++running;
                    int seen = most.load();
                    while (now > seen && !most.compare_exchange_weak(seen, now)) {
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(15));
                    --running;
                },
                Lane::accelerator(0))));
        }
        for (const JobId id : ids) {
            QCOMPARE(ended(runner, id).state, JobState::Finished);
            QCOMPARE(runner.status(id)->lane, Lane::accelerator(0));
        }
        QCOMPARE(most.load(), 1);
    }

    void cpuPoolRunsJobsSideBySide() {
        // Each job waits for the other: this only finishes when both run at the same time.
        JobRunner runner({2, 1});
        auto a = std::make_shared<Gate>();
        auto b = std::make_shared<Gate>();
        std::atomic<bool> a_saw_b{false};
        std::atomic<bool> b_saw_a{false};
        const JobId first = runner.submit(spec("x", "", [&](const JobCallbacks&) {
            a->open();
            a_saw_b = b->waitOpen();
        }));
        const JobId second = runner.submit(spec("y", "", [&](const JobCallbacks&) {
            b->open();
            b_saw_a = a->waitOpen();
        }));
        runner.wait(first);
        runner.wait(second);
        QVERIFY(a_saw_b.load());
        QVERIFY(b_saw_a.load());
    }

    void missingAcceleratorLaneIsAClearError() {
        JobRunner runner({1, 0});
        try {
            runner.submit(spec(
                "infer", "", [](const auto&) {}, Lane::accelerator(0)));
            QFAIL("expected an error");
        } catch (const Error& error) {
            QVERIFY(std::string(error.what()).find("accelerator lane 0") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(Error, runner.submit(spec("nothing", "", {})));
    }

    void failuresAreReportedAndTheRunnerGoesOn() {
        JobRunner runner({1, 0});
        std::string on_end_error;
        JobSpec bad = spec("import", "", [](const JobCallbacks& callbacks) {
            callbacks.report("import.read", "reading", 0.3);
            throw Error("/tmp/x.json: line 3: expected a number");
        });
        bad.on_end = [&](const JobStatus& status) { on_end_error = status.error; };
        const JobId failed = runner.submit(std::move(bad));
        const JobId thrown =
            runner.submit(spec("other", "", [](const auto&) { throw std::logic_error("boom"); }));
        const JobId fine = runner.submit(spec("fine", "", [](const auto&) {}));
        const JobStatus status = ended(runner, failed);
        QCOMPARE(status.state, JobState::Failed);
        QCOMPARE(status.error, std::string("/tmp/x.json: line 3: expected a number"));
        QCOMPARE(on_end_error, status.error);
        QCOMPARE(status.last_message, status.error);
        QCOMPARE(status.progress.stage, std::string("import.read"));
        QCOMPARE(status.progress.fraction, 0.3);  // where it stopped
        QCOMPARE(ended(runner, thrown).error, std::string("boom"));
        QCOMPARE(ended(runner, fine).state, JobState::Finished);
    }

    void outcomesMapOntoTheStoresRunStatus() {
        QCOMPARE(toRunStatus(JobState::Running), store::RunStatus::Running);
        QCOMPARE(toRunStatus(JobState::Finished), store::RunStatus::Finished);
        QCOMPARE(toRunStatus(JobState::Failed), store::RunStatus::Failed);
        QCOMPARE(toRunStatus(JobState::Cancelled), store::RunStatus::Cancelled);
    }

    void progressRangesNestAndClamp() {
        std::vector<JobProgress> seen;
        const ProgressRange whole([&](const JobProgress& p) { seen.push_back(p); });
        const ProgressRange second_half = whole.sub(0.5, 1.0);
        second_half.report("a", "half way through the second half", 0.5);
        second_half.sub(0.5, 1.0).report("b", "", 0.5);
        whole.sub(0.2, 0.4).report("c", "", 2.0);  // clamped to the sub-task's end
        whole.sub(0.2, 0.4).report("d", "", -1.0);
        whole.sub(0.2, 0.4).asProgressFn("e")(0.5, "legacy message");
        QCOMPARE(seen.size(), std::size_t(5));
        QCOMPARE(seen[0].fraction, 0.75);
        QCOMPARE(seen[0].stage, std::string("a"));
        QCOMPARE(seen[0].text, std::string("half way through the second half"));
        QCOMPARE(seen[1].fraction, 0.875);
        QCOMPARE(seen[2].fraction, 0.4);
        QCOMPARE(seen[3].fraction, 0.2);
        QVERIFY(qFuzzyCompare(seen[4].fraction, 0.3));
        QCOMPARE(seen[4].stage, std::string("e"));
        QCOMPARE(seen[4].text, std::string("legacy message"));
        // An empty range is silent and gives an empty ProgressFn.
        QVERIFY(!ProgressRange().asProgressFn("x"));
        ProgressRange().report("x", "", 0.5);
    }

    void plainProgressFnSubRanges() {
        std::vector<double> seen;
        const ProgressFn parent = [&](double f, const std::string&) { seen.push_back(f); };
        const ProgressFn last_quarter = subProgress(parent, 0.75, 1.0);
        last_quarter(0.0, "");
        last_quarter(0.5, "");
        subProgress(last_quarter, 0.0, 0.5)(1.0, "");
        QCOMPARE(seen, (std::vector<double>{0.75, 0.875, 0.875}));
        QVERIFY(!subProgress({}, 0.0, 1.0));
    }

    void jobCallbacksMapIntoTheJobsProgress() {
        JobRunner runner({1, 0});
        std::vector<double> seen;
        std::mutex seen_mutex;
        const auto listener = runner.addListener([&](const JobStatus& status) {
            if (status.state == JobState::Running) {
                std::lock_guard lock(seen_mutex);
                seen.push_back(status.progress.fraction);
            }
        });
        const JobId id = runner.submit(spec("two-stage", "", [](const JobCallbacks& callbacks) {
            const JobCallbacks read = callbacks.sub(0.0, 0.8);
            read.report("read", "", 0.5);
            const JobCallbacks write = callbacks.sub(0.8, 1.0);
            write.progressFn("write")(0.5, "writing");
        }));
        runner.wait(id);
        runner.removeListener(listener);
        std::lock_guard lock(seen_mutex);
        QCOMPARE(seen.size(), std::size_t(3));  // started, then two reports
        QCOMPARE(seen[1], 0.4);
        QVERIFY(qFuzzyCompare(seen[2], 0.9));
    }

    void partialResultsStreamWhileTheJobRuns() {
        StreamingJobCallbacks<int> callbacks;
        std::vector<int> segments;
        callbacks.on_result = [&](const int& segment) { segments.push_back(segment); };
        for (int i = 0; i < 3; ++i) {
            callbacks.emitResult(i);
        }
        QCOMPARE(segments, (std::vector<int>{0, 1, 2}));
        StreamingJobCallbacks<int>().emitResult(1);  // no callback: nothing happens
    }

    void ownerDestructionCancelsAndWaitsForItsJobs() {
        // The owner's state lives in members declared before its JobGroup; a callback that
        // runs after they are gone is recorded as a violation.
        struct Alive {
            std::shared_ptr<std::atomic<bool>> flag = std::make_shared<std::atomic<bool>>(true);
            ~Alive() { *flag = false; }
        };
        struct Owner {
            explicit Owner(JobRunner& runner) : group(runner) {}
            Alive alive;
            std::vector<int> progress_seen;  // written by callbacks
            JobGroup group;                  // last member: destroyed first
        };
        JobRunner runner({2, 0});
        auto violations = std::make_shared<std::atomic<int>>(0);
        auto started = std::make_shared<Gate>();
        std::shared_ptr<std::atomic<bool>> flag;
        JobId id = 0;
        std::atomic<int> ends{0};
        {
            Owner owner(runner);
            flag = owner.alive.flag;
            JobSpec job;
            job.kind = "export";
            job.work = [&owner, started, violations, alive = flag](const JobCallbacks& c) {
                started->open();
                for (;;) {
                    if (!*alive) {
                        ++*violations;
                        return;
                    }
                    owner.progress_seen.push_back(1);
                    if (c.isCancelled()) {
                        // Keep working a little after the cancel, as real work does.
                        std::this_thread::sleep_for(std::chrono::milliseconds(20));
                        c.throwIfCancelled();
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
            };
            job.on_end = [&ends, violations, alive = flag](const JobStatus&) {
                if (!*alive) {
                    ++*violations;
                }
                ++ends;
            };
            id = owner.group.submit(std::move(job));
            QVERIFY(started->waitOpen());
        }
        QVERIFY(!*flag);
        QCOMPARE(runner.status(id)->state, JobState::Cancelled);
        QCOMPARE(ends.load(), 1);
        QCOMPARE(violations->load(), 0);
    }

    void runnerDestructionCancelsEverything() {
        std::atomic<bool> queued_ran{false};
        std::atomic<int> cancelled_ends{0};
        {
            JobRunner runner({1, 0});
            auto started = std::make_shared<Gate>();
            JobSpec running = spec("long", "", untilCancelled(started));
            running.on_end = [&](const JobStatus& s) {
                cancelled_ends += s.state == JobState::Cancelled ? 1 : 0;
            };
            runner.submit(std::move(running));
            QVERIFY(started->waitOpen());
            JobSpec queued = spec("later", "", [&](const JobCallbacks&) { queued_ran = true; });
            queued.on_end = [&](const JobStatus& s) {
                cancelled_ends += s.state == JobState::Cancelled ? 1 : 0;
            };
            runner.submit(std::move(queued));
        }
        QVERIFY(!queued_ran.load());
        QCOMPARE(cancelled_ends.load(), 2);
    }

    void snapshotListsJobsInSubmissionOrderAndEstimatesTimeLeft() {
        JobRunner runner({1, 0});
        auto started = std::make_shared<Gate>();
        auto release = std::make_shared<Gate>();
        const JobId first = runner.submit(spec("a", "", [=](const JobCallbacks& callbacks) {
            callbacks.report("a", "a quarter", 0.25);
            started->open();
            release->waitOpen();
        }));
        const JobId second = runner.submit(spec("b", "", [](const auto&) {}));
        QVERIFY(started->waitOpen());
        const auto snapshot = runner.snapshot();
        QCOMPARE(snapshot.size(), std::size_t(2));
        QCOMPARE(snapshot[0].id, first);
        QCOMPARE(snapshot[0].state, JobState::Running);
        QCOMPARE(snapshot[0].last_message, std::string("a quarter"));
        QCOMPARE(snapshot[1].id, second);
        QCOMPARE(snapshot[1].state, JobState::Queued);
        // A quarter done after t seconds: three times t left.
        const auto later = snapshot[0].started + std::chrono::seconds(4);
        QVERIFY(qFuzzyCompare(*snapshot[0].secondsLeft(later), 12.0));
        QVERIFY(!snapshot[1].secondsLeft());
        release->open();
        runner.wait(second);
    }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "test_jobs.moc"
