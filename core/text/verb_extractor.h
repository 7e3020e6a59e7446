#pragma once
// Finds the action verbs of a narration sentence ("now add the chopped onions to the pan" ->
// add) for ActBERT's action vocabulary. WordNet (WordNetLexicon) says which words can be verbs
// and gives their lemma by morphy; a small rule layer decides ambiguous words from context:
//  - prior: how often WordNet's tagged corpus used the lemma as a verb vs as a noun;
//  - verb cues: sentence or clause start (imperatives), after a subject pronoun, modal, "to"
//    or a coordinated verb, before a determiner or object pronoun, -ing/-ed after "be";
//  - noun cues: after a determiner, number, preposition or a verb (object position),
//    participles before a noun ("chopped onions");
//  - phrasal verbs: a following particle that WordNet lists with the verb ("put in").
// Auxiliaries, modals and non-action verbs (be, have, do, go in "going to", want, know, see,
// ...) are never reported: the output names what is done in the video.
// Threading: immutable after construction; const methods are safe from any thread.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/text/wordnet_lexicon.h"

namespace actbert::text {

struct ExtractedVerb {
    std::string lemma;           // "put"
    std::string surface;         // the word as written (lower case), "putting"
    std::string phrasal;         // WordNet collocation with the following particle, "put_in", or ""
    std::size_t word_index = 0;  // position among the sentence's words
};

class VerbExtractor {
public:
    explicit VerbExtractor(std::shared_ptr<const WordNetLexicon> lexicon);

    std::vector<ExtractedVerb> extract(std::string_view sentence) const;
    // The distinct lemmas of extract(), in order of first appearance.
    std::vector<std::string> lemmas(std::string_view sentence) const;

    const WordNetLexicon& lexicon() const { return *lexicon_; }

    struct Token;  // a word or break of a sentence, with its analysis (internal)

private:
    std::vector<Token> split(std::string_view sentence) const;
    void analyse(std::vector<Token>& tokens) const;
    double score(const std::vector<Token>& tokens, std::size_t i) const;

    std::shared_ptr<const WordNetLexicon> lexicon_;
};

}  // namespace actbert::text
