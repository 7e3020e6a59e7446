#include "core/jobs/job_runner.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "core/common/error.h"

namespace actbert::jobs {

struct JobRunner::Record {
    JobStatus status;
    JobSpec spec;
    CancelToken cancel;
    JobId after = 0;      // a superseded job still running; this one starts when it has ended
    bool ending = false;  // on_end is running or about to; the state is final but not yet set
};

JobRunner::JobRunner(JobRunnerOptions options) : options_(options) {
    if (options_.cpu_threads <= 0) {
        const int cores = static_cast<int>(std::thread::hardware_concurrency());
        options_.cpu_threads = std::max(1, cores - 1);
    }
    options_.accelerator_lanes = std::max(0, options_.accelerator_lanes);
    for (int i = 0; i < options_.cpu_threads; ++i) {
        threads_.emplace_back([this] { workerLoop(Lane::cpu()); });
    }
    for (int gpu = 0; gpu < options_.accelerator_lanes; ++gpu) {
        threads_.emplace_back([this, gpu] { workerLoop(Lane::accelerator(gpu)); });
    }
}

JobRunner::~JobRunner() {
    std::vector<std::shared_ptr<Record>> queued;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (const JobId id : queue_) {
            const auto& record = jobs_.at(id);
            record->ending = true;
            queued.push_back(record);
        }
        queue_.clear();
        for (const auto& [id, record] : jobs_) {
            record->cancel.cancel();
        }
    }
    for (const auto& record : queued) {
        finish(record, JobState::Cancelled, {});
    }
    changed_.notify_all();
    for (auto& thread : threads_) {
        thread.join();
    }
}

JobId JobRunner::submit(JobSpec spec) {
    if (!spec.work) {
        throw Error("job '" + spec.kind + "' has no work to run");
    }
    if (spec.lane.kind == LaneKind::Accelerator &&
        (spec.lane.index < 0 || spec.lane.index >= options_.accelerator_lanes)) {
        throw Error("job '" + spec.kind + "' asks for accelerator lane " +
                    std::to_string(spec.lane.index) + " but this runner has " +
                    std::to_string(options_.accelerator_lanes));
    }
    auto record = std::make_shared<Record>();
    std::vector<std::shared_ptr<Record>> superseded_queued;
    JobStatus submitted;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            throw Error("job '" + spec.kind + "' submitted while the runner shuts down");
        }
        const JobId id = next_id_++;
        record->status.id = id;
        record->status.kind = spec.kind;
        record->status.owner = spec.owner;
        record->status.lane = spec.lane;
        record->status.submitted = JobClock::now();
        record->spec = std::move(spec);
        if (!record->status.owner.empty()) {
            for (const auto& [other_id, other] : jobs_) {
                if (other->ending || other->status.isEnded() ||
                    other->status.owner != record->status.owner ||
                    other->status.kind != record->status.kind) {
                    continue;
                }
                other->status.superseded_by = id;
                other->cancel.cancel();
                if (other->status.state == JobState::Queued) {
                    other->ending = true;
                    queue_.erase(std::find(queue_.begin(), queue_.end(), other_id));
                    superseded_queued.push_back(other);
                } else {
                    // Running: the replacement waits so both never write the same result.
                    record->after = other_id;
                }
            }
        }
        jobs_.emplace(id, record);
        queue_.push_back(id);
        submitted = record->status;
        pruneEnded();
    }
    for (const auto& old : superseded_queued) {
        finish(old, JobState::Cancelled, {});
    }
    changed_.notify_all();
    notify(submitted);
    return submitted.id;
}

bool JobRunner::cancel(JobId id) {
    std::shared_ptr<Record> queued;
    {
        std::lock_guard lock(mutex_);
        const auto it = jobs_.find(id);
        if (it == jobs_.end() || it->second->ending || it->second->status.isEnded()) {
            return false;
        }
        const auto& record = it->second;
        record->cancel.cancel();
        if (record->status.state == JobState::Queued) {
            record->ending = true;
            queue_.erase(std::find(queue_.begin(), queue_.end(), id));
            queued = record;
        }
    }
    if (queued) {
        finish(queued, JobState::Cancelled, {});
    }
    return true;
}

void JobRunner::wait(JobId id) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
        const auto it = jobs_.find(id);
        return it == jobs_.end() || it->second->status.isEnded();
    });
}

std::optional<JobStatus> JobRunner::status(JobId id) const {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) {
        return std::nullopt;
    }
    return it->second->status;
}

std::vector<JobStatus> JobRunner::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<JobStatus> statuses;
    statuses.reserve(jobs_.size());
    for (const auto& [id, record] : jobs_) {
        statuses.push_back(record->status);  // std::map keeps ids, so submission, order
    }
    return statuses;
}

JobRunner::ListenerId JobRunner::addListener(Listener listener) {
    std::lock_guard lock(listeners_mutex_);
    const ListenerId id = next_listener_++;
    listeners_.emplace(id, std::move(listener));
    return id;
}

void JobRunner::removeListener(ListenerId id) {
    // Listeners are called under this mutex, so taking it waits for calls in flight.
    std::lock_guard lock(listeners_mutex_);
    listeners_.erase(id);
}

void JobRunner::notify(const JobStatus& status) {
    std::lock_guard lock(listeners_mutex_);
    for (const auto& [id, listener] : listeners_) {
        try {
            listener(status);
        } catch (...) {
            // A listener's failure must not end the job or the worker thread.
        }
    }
}

void JobRunner::workerLoop(Lane lane) {
    for (;;) {
        std::shared_ptr<Record> record;
        {
            std::unique_lock lock(mutex_);
            record = takeRunnable(lane, lock);
            if (!record) {
                return;  // stopping
            }
        }
        run(record);
    }
}

std::shared_ptr<JobRunner::Record> JobRunner::takeRunnable(const Lane& lane,
                                                           std::unique_lock<std::mutex>& lock) {
    for (;;) {
        if (stopping_) {
            return nullptr;
        }
        for (auto it = queue_.begin(); it != queue_.end(); ++it) {
            const auto& record = jobs_.at(*it);
            if (!(record->status.lane == lane)) {
                continue;
            }
            if (record->after != 0) {
                const auto predecessor = jobs_.find(record->after);
                if (predecessor != jobs_.end() && !predecessor->second->status.isEnded()) {
                    continue;
                }
            }
            auto taken = record;
            queue_.erase(it);
            taken->status.state = JobState::Running;
            taken->status.started = JobClock::now();
            return taken;
        }
        changed_.wait(lock);
    }
}

void JobRunner::run(const std::shared_ptr<Record>& record) {
    JobStatus started;
    {
        std::lock_guard lock(mutex_);
        started = record->status;
    }
    notify(started);

    JobCallbacks callbacks;
    callbacks.cancel = record->cancel;
    callbacks.progress = ProgressRange([this, record](const JobProgress& progress) {
        JobStatus copy;
        {
            std::lock_guard lock(mutex_);
            record->status.progress = progress;
            if (!progress.text.empty()) {
                record->status.last_message = progress.text;
            }
            copy = record->status;
        }
        notify(copy);
    });
    callbacks.log = [this, record](const std::string& line) {
        JobStatus copy;
        {
            std::lock_guard lock(mutex_);
            auto& log = record->status.log;
            log.push_back(line);
            if (log.size() > options_.log_lines) {
                log.erase(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(
                                                         log.size() - options_.log_lines));
            }
            record->status.last_message = line;
            copy = record->status;
        }
        notify(copy);
    };

    JobState state = JobState::Finished;
    std::string error;
    try {
        record->spec.work(callbacks);
    } catch (const Cancelled&) {
        state = JobState::Cancelled;
    } catch (const std::exception& failure) {
        state = JobState::Failed;
        error = failure.what();
    } catch (...) {
        state = JobState::Failed;
        error = "unknown error";
    }
    {
        std::lock_guard lock(mutex_);
        record->ending = true;
    }
    finish(record, state, error);
}

void JobRunner::finish(const std::shared_ptr<Record>& record, JobState state,
                       const std::string& error) {
    JobStatus final_status;
    {
        std::lock_guard lock(mutex_);
        final_status = record->status;
    }
    final_status.state = state;
    final_status.error = error;
    final_status.ended = JobClock::now();
    if (state == JobState::Finished) {
        final_status.progress.fraction = 1.0;
    }
    if (!error.empty()) {
        final_status.last_message = error;
    }
    if (record->spec.on_end) {
        try {
            record->spec.on_end(final_status);
        } catch (...) {
            // The outcome is already decided; a throwing on_end must not take the worker down.
        }
    }
    {
        std::lock_guard lock(mutex_);
        // Keep log lines that arrived while on_end ran.
        final_status.log = record->status.log;
        record->status = final_status;
        // The work and on_end are done: drop their captures now so owners' state is released.
        record->spec.work = nullptr;
        record->spec.on_end = nullptr;
        pruneEnded();
    }
    changed_.notify_all();
    notify(final_status);
}

void JobRunner::pruneEnded() {
    std::size_t ended = 0;
    for (const auto& [id, record] : jobs_) {
        ended += record->status.isEnded() ? 1 : 0;
    }
    for (auto it = jobs_.begin(); it != jobs_.end() && ended > options_.kept_ended_jobs;) {
        if (it->second->status.isEnded()) {
            it = jobs_.erase(it);
            --ended;
        } else {
            ++it;
        }
    }
}

}  // namespace actbert::jobs
