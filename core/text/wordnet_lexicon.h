#pragma once
// English lemmas from Princeton WordNet 3.0 as Debian's wordnet-base installs it
// (/usr/share/wordnet): the index.{noun,verb,adj,adv} lemma lists, the *.exc exception lists,
// WordNet's morphy detachment rules, and the SemCor sense-tag counts of cntlist.rev, which
// say how often a word was used as a noun or as a verb in tagged text.
// Threading: immutable after load(); const methods are safe from any thread.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace actbert::text {

enum class PartOfSpeech { kNoun = 0, kVerb = 1, kAdjective = 2, kAdverb = 3 };

class WordNetLexicon {
public:
    static constexpr const char* kDefaultDirectory = "/usr/share/wordnet";

    // Reads the dictionary files of `directory`. Throws actbert::Error naming the missing or
    // malformed file (install Debian's wordnet-base for the default directory).
    static WordNetLexicon load(const std::filesystem::path& directory = kDefaultDirectory);

    // Whether `lemma` (lower case, spaces as '_', e.g. "put_in") is an entry of that index.
    bool contains(PartOfSpeech pos, std::string_view lemma) const;

    // WordNet's morphy: the base forms of an inflected word that exist in the index, the
    // word itself first when it is one ("chopped" -> chop; "leaves" -> leave, leaf as nouns).
    std::vector<std::string> baseForms(PartOfSpeech pos, std::string_view word) const;

    // The synsets of `lemma` in that index, as byte offsets into WordNet's data.<pos> file
    // (empty when it is not an entry). Two lemmas are synonyms when they share a synset.
    std::vector<std::uint32_t> synsets(PartOfSpeech pos, std::string_view lemma) const;

    // How often `lemma` was tagged with that part of speech in SemCor (0 when never).
    int taggedCount(PartOfSpeech pos, std::string_view lemma) const;

private:
    struct Part {
        std::unordered_set<std::string> lemmas;
        std::unordered_map<std::string, std::vector<std::string>> exceptions;
        std::unordered_map<std::string, int> tagged_counts;
        std::unordered_map<std::string, std::vector<std::uint32_t>> synsets;
    };
    const Part& part(PartOfSpeech pos) const { return parts_[static_cast<std::size_t>(pos)]; }

    std::array<Part, 4> parts_;
};

}  // namespace actbert::text
