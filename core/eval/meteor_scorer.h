#pragma once
// METEOR 1.5's definition for English (the ranking task's defaults: alpha 0.85, beta 0.20,
// gamma 0.60, delta 0.75) without the paraphrase module: "METEOR 1.5, exact+stem+synonym,
// no paraphrase". Alignment as METEOR's Aligner: candidate matches from the exact, stem
// (Snowball English, different words with the same stem) and synonym (different words that
// share a WordNet synset, their morphy base forms included) modules; one-to-one matches
// that nothing else touches are fixed; a beam search (40 paths, left to right over the
// reference) picks the alignment with the most matched words (exact matches count 1, the
// others 0.5, both sides), then the fewest chunks, then the least position distance.
// Scoring as MeteorScorer: P and R weighted by module (1.0 / 0.6 / 0.8) and by delta
// (content) vs 1 - delta (function words), Fmean = PR / (alpha P + (1 - alpha) R),
// penalty gamma (chunks / mean matched words)^beta, none when every word of both sides is
// matched in one chunk. Multiple references: the best-scoring reference's statistics. Corpus:
// the score of the statistics summed over segments (coco-caption's aggregation).
// docs/caption-metrics.md lists how this differs from the official jar.
// Threading: one scorer per thread (the stemmer keeps state).

#include <array>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/text/wordnet_lexicon.h"

namespace actbert::eval {

class SnowballStemmer;

inline constexpr const char* kMeteorName = "METEOR 1.5, exact+stem+synonym, no paraphrase";

// METEOR's sufficient statistics of one segment (or their sum over a corpus).
struct MeteorStats {
    static constexpr std::size_t kModules = 3;  // exact, stem, synonym
    double test_length = 0;
    double reference_length = 0;
    double test_function_words = 0;
    double reference_function_words = 0;
    std::array<double, kModules> test_content_matches{};
    std::array<double, kModules> test_function_matches{};
    std::array<double, kModules> reference_content_matches{};
    std::array<double, kModules> reference_function_matches{};
    double chunks = 0;

    MeteorStats& operator+=(const MeteorStats& other);
    double testMatches() const;
    double referenceMatches() const;
};

class MeteorScorer {
public:
    // Loads WordNet from `wordnet_directory` (throws actbert::Error naming the missing file).
    explicit MeteorScorer(
        const std::filesystem::path& wordnet_directory = text::WordNetLexicon::kDefaultDirectory);
    ~MeteorScorer();
    MeteorScorer(const MeteorScorer&) = delete;
    MeteorScorer& operator=(const MeteorScorer&) = delete;

    // The statistics of the best-scoring reference (all zero lengths when there is none).
    MeteorStats segmentStats(const std::vector<std::string>& hypothesis,
                             std::span<const std::vector<std::string>> references);

    // The METEOR score of (summed) statistics, a fraction in [0, 1].
    static double score(const MeteorStats& stats);

private:
    MeteorStats align(const std::vector<std::string>& test,
                      const std::vector<std::string>& reference);
    std::vector<std::uint64_t> synonymKeys(const std::string& word) const;

    text::WordNetLexicon wordnet_;
    std::unique_ptr<SnowballStemmer> stemmer_;
};

}  // namespace actbert::eval
