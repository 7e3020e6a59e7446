#pragma once
// What the runner knows about a job: identity, lane, state, progress and its log. Copies of
// this struct are the status snapshot that panels and printers show.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/jobs/job_progress.h"

namespace actbert::jobs {

using JobId = std::uint64_t;
using JobClock = std::chrono::steady_clock;

enum class JobState { Queued, Running, Finished, Failed, Cancelled };
enum class LaneKind { Cpu, Accelerator };

// Where a job runs: the shared CPU pool, or accelerator lane `index` (one GPU each), which
// runs one job at a time so two inference jobs never share a model instance.
struct Lane {
    LaneKind kind = LaneKind::Cpu;
    int index = 0;

    static Lane cpu() { return {}; }
    static Lane accelerator(int gpu) { return {LaneKind::Accelerator, gpu}; }
    bool operator==(const Lane& other) const {
        return kind == other.kind && (kind == LaneKind::Cpu || index == other.index);
    }
};

struct JobStatus {
    JobId id = 0;
    std::string kind;   // what the job does ("frame-index", "export", ...)
    std::string owner;  // whose it is (a video's content hash, a project path, ...)
    Lane lane;
    JobState state = JobState::Queued;
    JobProgress progress;
    std::string last_message;  // the latest progress text or log line
    std::string error;         // why it failed (Failed only)
    std::vector<std::string> log;
    JobId superseded_by = 0;  // set when a newer (owner, kind) job replaced this one
    JobClock::time_point submitted{};
    JobClock::time_point started{};
    JobClock::time_point ended{};

    bool isEnded() const {
        return state == JobState::Finished || state == JobState::Failed ||
               state == JobState::Cancelled;
    }
    // Linear estimate from the progress so far; empty until there is something to go on.
    std::optional<double> secondsLeft(JobClock::time_point now = JobClock::now()) const;
};

// "queued", "running", "finished", "failed", "cancelled": stable keys for logs and JSON.
const char* toString(JobState state);

}  // namespace actbert::jobs
