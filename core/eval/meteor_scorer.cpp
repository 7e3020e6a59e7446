#include "core/eval/meteor_scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/eval/function_words.h"
#include "core/eval/snowball_stemmer.h"

namespace actbert::eval {

namespace {

constexpr double kAlpha = 0.85;
constexpr double kBeta = 0.20;
constexpr double kGamma = 0.60;
constexpr double kDelta = 0.75;
constexpr std::array<double, MeteorStats::kModules> kModuleWeights = {1.0, 0.6, 0.8};
// The aligner ranks partial alignments with weights 1 / 0.5 / 0.5 (MeteorScorer's "best
// weights for evaluation"); doubled to integers so that ties compare exactly.
constexpr std::array<int, MeteorStats::kModules> kSearchWeights = {2, 1, 1};
constexpr std::size_t kBeamSize = 40;
enum Module : int { kExact = 0, kStem = 1, kSynonym = 2 };

struct Match {
    int test = 0;  // position in the test (hypothesis)
    int module = kExact;
};

struct Path {
    std::vector<int> test_of_reference;  // [reference position] matched test position or -1
    std::vector<int> module_of_reference;
    std::vector<bool> test_used;
    int score = 0;  // weighted matched words of both sides
    int chunks = 0;
    int distance = 0;
    int last_match_end = -1;
};

bool better(const Path& x, const Path& y) {
    if (x.score != y.score) {
        return x.score > y.score;
    }
    if (x.chunks != y.chunks) {
        return x.chunks < y.chunks;
    }
    return x.distance < y.distance;
}

void take(Path& path, int reference_position, const Match& match) {
    path.test_of_reference[static_cast<std::size_t>(reference_position)] = match.test;
    path.module_of_reference[static_cast<std::size_t>(reference_position)] = match.module;
    path.test_used[static_cast<std::size_t>(match.test)] = true;
    path.score += 2 * kSearchWeights[static_cast<std::size_t>(match.module)];
    if (path.last_match_end != -1 && match.test != path.last_match_end) {
        ++path.chunks;
    }
    path.last_match_end = match.test + 1;
    path.distance += std::abs(reference_position - match.test);
}

}  // namespace

MeteorStats& MeteorStats::operator+=(const MeteorStats& other) {
    test_length += other.test_length;
    reference_length += other.reference_length;
    test_function_words += other.test_function_words;
    reference_function_words += other.reference_function_words;
    for (std::size_t m = 0; m < kModules; ++m) {
        test_content_matches[m] += other.test_content_matches[m];
        test_function_matches[m] += other.test_function_matches[m];
        reference_content_matches[m] += other.reference_content_matches[m];
        reference_function_matches[m] += other.reference_function_matches[m];
    }
    chunks += other.chunks;
    return *this;
}

double MeteorStats::testMatches() const {
    double total = 0;
    for (std::size_t m = 0; m < kModules; ++m) {
        total += test_content_matches[m] + test_function_matches[m];
    }
    return total;
}

double MeteorStats::referenceMatches() const {
    double total = 0;
    for (std::size_t m = 0; m < kModules; ++m) {
        total += reference_content_matches[m] + reference_function_matches[m];
    }
    return total;
}

MeteorScorer::MeteorScorer(const std::filesystem::path& wordnet_directory)
    : wordnet_(text::WordNetLexicon::load(wordnet_directory)),
      stemmer_(std::make_unique<SnowballStemmer>()) {}

MeteorScorer::~MeteorScorer() = default;

double MeteorScorer::score(const MeteorStats& stats) {
    const double test_weighted_length = kDelta * (stats.test_length - stats.test_function_words) +
                                        (1 - kDelta) * stats.test_function_words;
    const double reference_weighted_length =
        kDelta * (stats.reference_length - stats.reference_function_words) +
        (1 - kDelta) * stats.reference_function_words;
    double test_weighted = 0;
    double reference_weighted = 0;
    for (std::size_t m = 0; m < MeteorStats::kModules; ++m) {
        test_weighted += kModuleWeights[m] * (kDelta * stats.test_content_matches[m] +
                                              (1 - kDelta) * stats.test_function_matches[m]);
        reference_weighted +=
            kModuleWeights[m] * (kDelta * stats.reference_content_matches[m] +
                                 (1 - kDelta) * stats.reference_function_matches[m]);
    }
    if (test_weighted_length <= 0 || reference_weighted_length <= 0 || test_weighted <= 0 ||
        reference_weighted <= 0) {
        return 0;  // the jar's NaN case (no match, or an empty side) scores 0
    }
    const double precision = test_weighted / test_weighted_length;
    const double recall = reference_weighted / reference_weighted_length;
    const double fmean = 1.0 / ((1 - kAlpha) / precision + kAlpha / recall);
    const double test_matches = stats.testMatches();
    const double reference_matches = stats.referenceMatches();
    const bool one_chunk_full_match = test_matches == stats.test_length &&
                                      reference_matches == stats.reference_length &&
                                      stats.chunks == 1;
    const double fragmentation =
        one_chunk_full_match ? 0.0 : stats.chunks / ((test_matches + reference_matches) / 2);
    const double penalty = kGamma * std::pow(fragmentation, kBeta);
    return std::max(0.0, fmean * (1 - penalty));
}

MeteorStats MeteorScorer::segmentStats(const std::vector<std::string>& hypothesis,
                                       std::span<const std::vector<std::string>> references) {
    MeteorStats best;
    double best_score = -1;
    for (const auto& reference : references) {
        const MeteorStats stats = align(hypothesis, reference);
        const double value = score(stats);
        if (value > best_score) {  // the first of equally good references, as the jar keeps
            best = stats;
            best_score = value;
        }
    }
    return best;
}

std::vector<std::uint64_t> MeteorScorer::synonymKeys(const std::string& word) const {
    std::vector<std::uint64_t> keys;
    for (int p = 0; p < 4; ++p) {
        const auto pos = static_cast<text::PartOfSpeech>(p);
        for (const auto& base : wordnet_.baseForms(pos, word)) {
            for (const auto offset : wordnet_.synsets(pos, base)) {
                keys.push_back((static_cast<std::uint64_t>(p) << 32) | offset);
            }
        }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

MeteorStats MeteorScorer::align(const std::vector<std::string>& test,
                                const std::vector<std::string>& reference) {
    const std::size_t n1 = test.size();
    const std::size_t n2 = reference.size();
    // Candidate matches per reference position, in module order (exact, stem, synonym).
    std::vector<std::vector<Match>> candidates(n2);
    std::vector<int> test_coverage(n1, 0);
    std::vector<int> reference_coverage(n2, 0);
    const auto add = [&](std::size_t i, std::size_t j, int module) {
        candidates[j].push_back({static_cast<int>(i), module});
        ++test_coverage[i];
        ++reference_coverage[j];
    };
    for (std::size_t j = 0; j < n2; ++j) {
        for (std::size_t i = 0; i < n1; ++i) {
            if (test[i] == reference[j]) {
                add(i, j, kExact);
            }
        }
    }
    // Identical sentences need only the exact module (as the jar, to avoid search errors).
    if (test != reference) {
        std::vector<std::string> test_stems(n1);
        std::vector<std::string> reference_stems(n2);
        for (std::size_t i = 0; i < n1; ++i) {
            test_stems[i] = stemmer_->stem(test[i]);
        }
        for (std::size_t j = 0; j < n2; ++j) {
            reference_stems[j] = stemmer_->stem(reference[j]);
        }
        for (std::size_t j = 0; j < n2; ++j) {
            for (std::size_t i = 0; i < n1; ++i) {
                if (test[i] != reference[j] && test_stems[i] == reference_stems[j]) {
                    add(i, j, kStem);
                }
            }
        }
        std::vector<std::vector<std::uint64_t>> test_synonyms(n1);
        for (std::size_t i = 0; i < n1; ++i) {
            test_synonyms[i] = synonymKeys(test[i]);
        }
        for (std::size_t j = 0; j < n2; ++j) {
            const auto reference_synonyms = synonymKeys(reference[j]);
            for (std::size_t i = 0; i < n1; ++i) {
                // A pair that already matches by stem keeps that match (the jar's search
                // prefers the first-listed of equally weighted matches).
                if (test[i] == reference[j] || test_stems[i] == reference_stems[j]) {
                    continue;
                }
                const auto& mine = test_synonyms[i];
                std::vector<std::uint64_t> shared;
                std::set_intersection(mine.begin(), mine.end(), reference_synonyms.begin(),
                                      reference_synonyms.end(), std::back_inserter(shared));
                if (!shared.empty()) {
                    add(i, j, kSynonym);
                }
            }
        }
    }

    Path start;
    start.test_of_reference.assign(n2, -1);
    start.module_of_reference.assign(n2, -1);
    start.test_used.assign(n1, false);
    // One-to-one matches that no other candidate touches are definite.
    std::vector<bool> fixed(n2, false);
    for (std::size_t j = 0; j < n2; ++j) {
        if (candidates[j].size() == 1 && reference_coverage[j] == 1 &&
            test_coverage[static_cast<std::size_t>(candidates[j][0].test)] == 1) {
            fixed[j] = true;
            start.test_used[static_cast<std::size_t>(candidates[j][0].test)] = true;
        }
    }
    std::vector<Path> paths{start};
    for (std::size_t j = 0; j < n2; ++j) {
        std::stable_sort(paths.begin(), paths.end(), better);
        if (paths.size() > kBeamSize) {
            paths.resize(kBeamSize);
        }
        std::vector<Path> next;
        for (auto& path : paths) {
            if (fixed[j]) {
                // take() marks the test word used, which it already is; harmless.
                take(path, static_cast<int>(j), candidates[j][0]);
                next.push_back(std::move(path));
                continue;
            }
            for (const auto& match : candidates[j]) {
                if (path.test_used[static_cast<std::size_t>(match.test)]) {
                    continue;
                }
                Path extended = path;
                take(extended, static_cast<int>(j), match);
                next.push_back(std::move(extended));
            }
            // Leave this reference word unmatched: closes the open chunk.
            if (path.last_match_end != -1) {
                ++path.chunks;
                path.last_match_end = -1;
            }
            next.push_back(std::move(path));
        }
        paths = std::move(next);
    }
    for (auto& path : paths) {
        if (path.last_match_end != -1) {
            ++path.chunks;
            path.last_match_end = -1;
        }
    }
    std::stable_sort(paths.begin(), paths.end(), better);
    const Path& best = paths.front();

    MeteorStats stats;
    stats.test_length = static_cast<double>(n1);
    stats.reference_length = static_cast<double>(n2);
    for (const auto& word : test) {
        stats.test_function_words += isEnglishFunctionWord(word) ? 1 : 0;
    }
    for (const auto& word : reference) {
        stats.reference_function_words += isEnglishFunctionWord(word) ? 1 : 0;
    }
    for (std::size_t j = 0; j < n2; ++j) {
        const int i = best.test_of_reference[j];
        if (i < 0) {
            continue;
        }
        const auto module = static_cast<std::size_t>(best.module_of_reference[j]);
        (isEnglishFunctionWord(test[static_cast<std::size_t>(i)])
             ? stats.test_function_matches
             : stats.test_content_matches)[module] += 1;
        (isEnglishFunctionWord(reference[j]) ? stats.reference_function_matches
                                             : stats.reference_content_matches)[module] += 1;
    }
    stats.chunks = best.chunks;
    return stats;
}

}  // namespace actbert::eval
