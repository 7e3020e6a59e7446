#pragma once
// JobRunner: background work for the studio, the CLI and the training process.
//
//     actbert::jobs::JobRunner runner({/*cpu_threads=*/2, /*accelerator_lanes=*/1});
//     actbert::jobs::JobSpec spec;
//     spec.kind = "frame-index";
//     spec.owner = content_hash;            // resubmitting (owner, kind) replaces the older job
//     spec.lane = actbert::jobs::Lane::cpu();
//     spec.work = [path](const actbert::jobs::JobCallbacks& callbacks) {
//         buildFrameIndex(path, callbacks.progressFn("index"), callbacks.cancel);
//     };
//     spec.on_end = [](const actbert::jobs::JobStatus& status) { /* worker thread */ };
//     const actbert::jobs::JobId id = runner.submit(std::move(spec));
//     runner.wait(id);                      // or poll runner.snapshot() for a panel
//
// Lanes: a pool of CPU threads, and one thread per accelerator lane (one job at a time per
// GPU). A job that throws actbert::Cancelled ends Cancelled, any other exception Failed with
// its message, a normal return Finished.
// Lifetimes: callbacks run on worker threads until the job has ended; wait() returns only
// after on_end returned, so an owner that cancels and waits for its jobs in its destructor
// (JobGroup does this) never sees a callback after it is gone. The runner's destructor
// cancels every job and waits for them.
// Threading: every member may be called from any thread, except from inside a listener.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/jobs/job_callbacks.h"
#include "core/jobs/job_status.h"

namespace actbert::jobs {

struct JobSpec {
    std::string kind;
    std::string owner;  // empty: never superseded
    Lane lane;
    std::function<void(const JobCallbacks& callbacks)> work;
    // Runs once with the final state, on the worker thread (or, for a job cancelled before it
    // started, on the thread that cancelled or superseded it).
    std::function<void(const JobStatus& status)> on_end;
};

struct JobRunnerOptions {
    int cpu_threads = 0;                // 0: one less than the machine's cores, at least one
    int accelerator_lanes = 0;          // one per usable GPU
    std::size_t kept_ended_jobs = 200;  // ended jobs listed in snapshots before the oldest go
    std::size_t log_lines = 500;        // per job; the oldest lines are dropped
};

class JobRunner {
public:
    using Listener = std::function<void(const JobStatus& status)>;
    using ListenerId = std::uint64_t;

    explicit JobRunner(JobRunnerOptions options = {});
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Throws actbert::Error for an accelerator lane this runner does not have or no work.
    JobId submit(JobSpec spec);
    // False when the job is unknown or already ended.
    bool cancel(JobId id);
    // Blocks until the job has ended (returns at once for unknown ids).
    void wait(JobId id);
    std::optional<JobStatus> status(JobId id) const;
    std::vector<JobStatus> snapshot() const;  // in submission order
    int acceleratorLanes() const { return options_.accelerator_lanes; }
    int cpuThreads() const { return options_.cpu_threads; }

    // Called after every change of any job (state, progress, log), on the thread that made the
    // change, never under the runner's lock. removeListener waits for calls in flight, so after
    // it returns the listener is never called again. A listener must not add or remove one.
    ListenerId addListener(Listener listener);
    void removeListener(ListenerId id);

private:
    struct Record;
    void workerLoop(Lane lane);
    std::shared_ptr<Record> takeRunnable(const Lane& lane, std::unique_lock<std::mutex>& lock);
    void run(const std::shared_ptr<Record>& record);
    void endQueued(const std::shared_ptr<Record>& record, std::unique_lock<std::mutex>& lock);
    void finish(const std::shared_ptr<Record>& record, JobState state, const std::string& error);
    void notify(const JobStatus& status);
    void pruneEnded();

    JobRunnerOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::map<JobId, std::shared_ptr<Record>> jobs_;
    std::deque<JobId> queue_;
    JobId next_id_ = 1;
    bool stopping_ = false;
    std::vector<std::thread> threads_;

    std::mutex listeners_mutex_;
    std::map<ListenerId, Listener> listeners_;
    ListenerId next_listener_ = 1;
};

}  // namespace actbert::jobs
