#pragma once
// Seeded random numbers whose every draw is identical on any machine and standard library.
// std::mt19937_64's raw output is fully specified by the standard, but std::uniform_*_distribution
// and std::normal_distribution are not, so every distribution here is computed from raw 64-bit
// draws with arithmetic that IEEE 754 pins down (+, *, /, sqrt) and the deterministic sin/log of
// det_math.h.
// Threading: one SynthRandom per thread; instances share nothing.

#include <cstdint>
#include <random>
#include <vector>

namespace actbert::synth {

class SynthRandom {
public:
    explicit SynthRandom(std::uint64_t seed) : engine_(seed) {}

    // A well-mixed seed for an independent sub-stream (video i, step j, ...), so that each part
    // of a data set can be generated on its own and still match a full run.
    static std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

    std::uint64_t next() { return engine_(); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform01();
    double uniform(double low, double high) { return low + (high - low) * uniform01(); }
    // Uniform integer in [low, high] (inclusive), unbiased (rejection sampling).
    std::int64_t uniformInt(std::int64_t low, std::int64_t high);
    bool bernoulli(double probability) { return uniform01() < probability; }
    // Gaussian by Box-Muller on deterministic log/sin.
    double normal(double mean, double stddev);
    // Index drawn with probability proportional to weights (all >= 0, sum > 0).
    std::size_t weightedIndex(const std::vector<double>& weights);

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(
            uniformInt(0, static_cast<std::int64_t>(items.size()) - 1))];
    }
    template <typename T>
    void shuffle(std::vector<T>& items) {
        // Fisher-Yates with our own integer draws (std::shuffle's draws are unspecified).
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j =
                static_cast<std::size_t>(uniformInt(0, static_cast<std::int64_t>(i) - 1));
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace actbert::synth
