#include "core/train/pretraining/pretraining_loader.h"

#include <chrono>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/train/pretraining/pretraining_corpus.h"

namespace actbert::train {

PretrainingLoader::PretrainingLoader(const PretrainingCorpus& corpus, SampleOptions samples,
                                     LoaderOptions options)
    : corpus_(corpus), samples_(samples), options_(options) {
    if (options_.batch_size < 1 || options_.workers < 1 || options_.prefetch < 1 ||
        options_.world_size < 1 || options_.rank < 0 || options_.rank >= options_.world_size)
        throw std::invalid_argument("PretrainingLoader: invalid batch size, workers or rank");
    for (int i = 0; i < options_.workers; ++i)
        workers_.emplace_back([this] { work(); });
}

PretrainingLoader::~PretrainingLoader() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    for (auto& worker : workers_)
        worker.join();
}

std::vector<std::size_t> PretrainingLoader::epochOrder(std::uint64_t epoch) const {
    std::lock_guard lock(order_mutex_);
    auto found = orders_.find(epoch);
    if (found != orders_.end())
        return found->second;
    // Fisher-Yates with our own draws (std::shuffle's sequence is not specified).
    std::vector<std::size_t> order(corpus_.sampleCount());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937_64 random(mixSeed(options_.seed, 0x5eed0fde0c4ull, epoch));
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[random() % i]);
    // Only neighbouring epochs are in use at once (a copy is returned): keep a few.
    while (orders_.size() > 3)
        orders_.erase(orders_.begin());
    return orders_.emplace(epoch, std::move(order)).first->second;
}

std::vector<std::size_t> PretrainingLoader::sampleIndices(std::int64_t index) const {
    std::vector<std::size_t> indices;
    const auto n = static_cast<std::uint64_t>(corpus_.sampleCount());
    std::uint64_t epoch = ~std::uint64_t{0};
    std::vector<std::size_t> order;
    for (std::int64_t j = 0; j < options_.batch_size; ++j) {
        const auto local = static_cast<std::uint64_t>(index * options_.batch_size + j);
        const auto global = local * static_cast<std::uint64_t>(options_.world_size) +
                            static_cast<std::uint64_t>(options_.rank);
        if (global / n != epoch) {
            epoch = global / n;
            order = epochOrder(epoch);
        }
        indices.push_back(order[global % n]);
    }
    return indices;
}

PretrainingBatch PretrainingLoader::build(std::int64_t index) const {
    const auto n = static_cast<std::uint64_t>(corpus_.sampleCount());
    std::vector<PretrainingSample> samples;
    const auto indices = sampleIndices(index);
    for (std::size_t j = 0; j < indices.size(); ++j) {
        const auto local = static_cast<std::uint64_t>(index * options_.batch_size) + j;
        const auto global = local * static_cast<std::uint64_t>(options_.world_size) +
                            static_cast<std::uint64_t>(options_.rank);
        samples.push_back(makeSample(corpus_, indices[j], options_.seed, global / n, samples_));
    }
    return collate(samples, samples_.pad_id);
}

void PretrainingLoader::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(
            lock, [&] { return stopping_ || next_to_build_ < next_to_take_ + options_.prefetch; });
        if (stopping_)
            return;
        const auto index = next_to_build_++;
        const auto generation = generation_;
        lock.unlock();
        PretrainingBatch batch;
        std::exception_ptr error;
        try {
            batch = build(index);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        if (generation != generation_)
            continue;
        if (error)
            failed_[index] = error;
        else
            ready_[index] = std::move(batch);
        changed_.notify_all();
    }
}

PretrainingBatch PretrainingLoader::batch(std::int64_t index) {
    std::unique_lock lock(mutex_);
    if (index != next_to_take_) {
        ++generation_;
        ready_.clear();
        failed_.clear();
        next_to_take_ = index;
        next_to_build_ = index;
        changed_.notify_all();
    }
    const auto started = std::chrono::steady_clock::now();
    changed_.wait(lock, [&] { return ready_.count(index) > 0 || failed_.count(index) > 0; });
    waited_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (const auto failed = failed_.find(index); failed != failed_.end()) {
        const auto error = failed->second;
        failed_.erase(failed);
        std::rethrow_exception(error);
    }
    auto result = std::move(ready_.at(index));
    ready_.erase(index);
    next_to_take_ = index + 1;
    changed_.notify_all();
    return result;
}

std::int64_t PretrainingLoader::position() const {
    std::lock_guard lock(mutex_);
    return next_to_take_;
}

}  // namespace actbert::train
