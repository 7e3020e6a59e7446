#pragma once
// Batches of pretraining samples for one rank, built ahead by worker threads.
//
//   PretrainingLoader loader(corpus, sample_options, {.batch_size = 8, .workers = 2});
//   auto batch = loader.batch(0);    // micro-batch 0 of the run, then 1, 2, ...
//
// Order: the global sample stream is epoch after epoch of the corpus in an order shuffled by
// (seed, epoch); position g of it belongs to rank g % world_size, so micro-batch m of a rank
// is its stream positions m * batch_size ... (m + 1) * batch_size - 1. The batch is therefore
// a function of (seed, rank, world size, m) alone: a resume at micro-batch m only needs m
// (loaderState), whatever threads built what before. Every batch has batch_size samples (the
// stream wraps into the next epoch), never fewer.
// Prefetch: workers build the micro-batches after the last one taken, at most prefetch ahead;
// asking for another micro-batch than the next one drops what was prefetched and restarts
// there. A worker's error is rethrown by batch().
// Threading: batch(), position() and waitedSeconds() from one consumer thread; the workers are
// internal and joined by the destructor.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/train/pretraining/pretraining_sample.h"

namespace actbert::train {

struct LoaderOptions {
    std::int64_t batch_size = 8;
    int workers = 2;
    std::int64_t prefetch = 4;  // micro-batches built ahead
    std::uint64_t seed = 0;
    int rank = 0;
    int world_size = 1;
};

class PretrainingLoader {
public:
    PretrainingLoader(const PretrainingCorpus& corpus, SampleOptions samples,
                      LoaderOptions options);
    ~PretrainingLoader();
    PretrainingLoader(const PretrainingLoader&) = delete;
    PretrainingLoader& operator=(const PretrainingLoader&) = delete;

    // Micro-batch `index` of this rank (blocks until built).
    PretrainingBatch batch(std::int64_t index);
    // The corpus indices of micro-batch `index` (what batch() builds), for tests.
    std::vector<std::size_t> sampleIndices(std::int64_t index) const;
    // The next micro-batch batch() expects (the checkpointed position).
    std::int64_t position() const;
    // Seconds batch() spent waiting for workers (steady state should be ~0).
    double waitedSeconds() const { return waited_s_; }

private:
    PretrainingBatch build(std::int64_t index) const;
    void work();
    std::vector<std::size_t> epochOrder(std::uint64_t epoch) const;

    const PretrainingCorpus& corpus_;
    SampleOptions samples_;
    LoaderOptions options_;

    mutable std::mutex order_mutex_;
    mutable std::map<std::uint64_t, std::vector<std::size_t>> orders_;  // by epoch, few kept

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::int64_t next_to_build_ = 0;
    std::int64_t next_to_take_ = 0;
    std::uint64_t generation_ = 0;  // bumped on a restart; stale results are dropped
    std::map<std::int64_t, PretrainingBatch> ready_;
    std::map<std::int64_t, std::exception_ptr> failed_;
    bool stopping_ = false;
    double waited_s_ = 0;
    std::vector<std::thread> workers_;
};

}  // namespace actbert::train
