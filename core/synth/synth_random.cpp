#include "core/synth/synth_random.h"

#include <cmath>
#include <stdexcept>

#include "core/synth/det_math.h"

namespace actbert::synth {

std::uint64_t SynthRandom::deriveSeed(std::uint64_t seed, std::uint64_t stream) {
    // splitmix64 finaliser over a combination of both: neighbouring streams get unrelated seeds.
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double SynthRandom::uniform01() {
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

std::int64_t SynthRandom::uniformInt(std::int64_t low, std::int64_t high) {
    if (high < low) {
        throw std::invalid_argument("SynthRandom::uniformInt: empty range");
    }
    const std::uint64_t span = static_cast<std::uint64_t>(high - low) + 1;
    if (span == 0) {  // the full 64-bit range
        return static_cast<std::int64_t>(engine_());
    }
    // Reject the lowest (2^64 mod span) values so the rest split evenly into span classes.
    const std::uint64_t threshold = (0 - span) % span;
    std::uint64_t draw = engine_();
    while (draw < threshold) {
        draw = engine_();
    }
    return low + static_cast<std::int64_t>(draw % span);
}

double SynthRandom::normal(double mean, double stddev) {
    // 1 - u is in (0, 1], so the log is finite.
    const double u1 = 1.0 - uniform01();
    const double u2 = uniform01();
    const double radius = std::sqrt(-2.0 * detLog(u1));
    return mean + stddev * radius * detCos(2.0 * kDetPi * u2);
}

std::size_t SynthRandom::weightedIndex(const std::vector<double>& weights) {
    double total = 0.0;
    for (const double weight : weights) {
        total += weight;
    }
    if (weights.empty() || !(total > 0.0)) {
        throw std::invalid_argument("SynthRandom::weightedIndex: weights must have a positive sum");
    }
    double target = uniform01() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (target < weights[i]) {
            return i;
        }
        target -= weights[i];
    }
    return weights.size() - 1;
}

}  // namespace actbert::synth
