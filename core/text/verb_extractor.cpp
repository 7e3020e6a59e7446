#include "core/text/verb_extractor.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "core/common/error.h"

namespace actbert::text {

namespace {

using Words = std::initializer_list<std::string_view>;

bool in(const Words& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

const Words kDeterminers = {"the",    "a",       "an",    "this",  "that", "these",   "those",
                            "some",   "any",     "each",  "every", "your", "my",      "our",
                            "his",    "her",     "their", "its",   "no",   "another", "both",
                            "either", "several", "many",  "much",  "more", "most",    "less",
                            "enough", "such",    "which", "whose", "what", "other",   "few"};
const Words kNumbers = {"one",    "two",    "three",   "four",  "five",    "six",   "seven",
                        "eight",  "nine",   "ten",     "half",  "quarter", "dozen", "couple",
                        "twelve", "twenty", "hundred", "first", "second",  "third", "last"};
const Words kPrepositions = {
    "of",      "in",     "into",    "on",      "onto",   "with",    "without", "from",
    "for",     "over",   "under",   "at",      "by",     "about",   "through", "across",
    "between", "inside", "outside", "around",  "after",  "before",  "during",  "until",
    "upon",    "within", "along",   "against", "toward", "towards", "behind",  "beside",
    "near",    "than",   "like",    "per",     "as"};
const Words kSubjects = {"i", "we", "you", "they", "he", "she", "who", "it"};
const Words kObjects = {"it",         "them",      "him",      "her",  "me",   "us",
                        "everything", "something", "anything", "this", "that", "these",
                        "those",      "all",       "each",     "some", "both", "yourself"};
const Words kModals = {"to",    "will",  "would", "shall", "should", "can",    "could", "may",
                       "might", "must",  "'ll",   "'d",    "do",     "does",   "did",   "n't",
                       "not",   "gonna", "wanna", "gotta", "please", "let",    "let's", "lets",
                       "us",    "also",  "just",  "then",  "now",    "simply", "never", "always"};
const Words kBeForms = {"be",    "is",     "are",   "am",   "was",      "were",    "been", "being",
                        "'re",   "'m",     "get",   "gets", "got",      "getting", "keep", "keeps",
                        "start", "starts", "begin", "stop", "continue", "finish",  "'s"};
const Words kHaveForms = {"have", "has", "had", "having", "'ve"};
const Words kClauseStarters = {
    "then",       "now",     "next",  "first",  "finally",   "just",      "simply",
    "and",        "so",      "also",  "again",  "gently",    "slowly",    "carefully",
    "quickly",    "lightly", "okay",  "ok",     "alright",   "once",      "when",
    "while",      "until",   "after", "before", "if",        "please",    "well",
    "afterwards", "second",  "third", "lastly", "meanwhile", "generously"};
const Words kParticles = {"up",      "down",  "out",    "in",   "into",     "on",
                          "off",     "over",  "away",   "back", "together", "apart",
                          "through", "aside", "around", "about"};
// Words that WordNet lists as verbs but that narration uses as function words.
const Words kNeverVerbs = {
    "well",      "right",  "up",     "down",    "out",    "back",    "even",   "still",   "okay",
    "ok",        "yeah",   "yes",    "so",      "just",   "only",    "very",   "really",  "too",
    "here",      "there",  "then",   "now",     "little", "bit",     "lot",    "lots",    "kind",
    "sort",      "way",    "thing",  "things",  "stuff",  "time",    "minute", "minutes", "second",
    "seconds",   "hour",   "hours",  "off",     "over",   "like",    "round",  "last",    "first",
    "next",      "half",   "about",  "sure",    "much",   "more",    "less",   "better",  "best",
    "please",    "thanks", "hi",     "hello",   "bye",    "oh",      "um",     "uh",      "alright",
    "since",     "after",  "before", "until",   "inside", "outside", "one",    "two",     "three",
    "four",      "five",   "six",    "seven",   "eight",  "nine",    "ten",    "i",       "me",
    "we",        "us",     "you",    "he",      "she",    "it",      "they",   "them",    "whole",
    "different", "same",   "other",  "another", "such",   "enough",  "quite",  "pretty",  "how",
    "why",       "what",   "where",  "when",    "which",  "who",     "that",   "this",    "these",
    "those"};
// Verbs that do not name something done in the video: auxiliaries, modals, mental and
// communication verbs, and semi-auxiliaries ("going to", "want to", "try to").
const Words kNonActionLemmas = {
    "be",     "have",    "do",      "will", "would",   "shall",   "should", "can",    "could",
    "may",    "might",   "must",    "let",  "go",      "want",    "need",   "know",   "think",
    "mean",   "guess",   "see",     "look", "seem",    "feel",    "hope",   "like",   "love",
    "say",    "tell",    "call",    "try",  "thank",   "welcome", "wish",   "wait",   "remember",
    "forget", "suppose", "believe", "talk", "ask",     "watch",   "enjoy",  "happen", "get",
    "sound",  "appear",  "smell",   "show", "explain", "start",   "begin"};

bool isSentenceBreak(char c) {
    return c == '.' || c == '!' || c == '?' || c == ';';
}

bool isClauseBreak(char c) {
    return c == ',' || c == ':' || c == '(' || c == ')' || c == '"';
}

}  // namespace

struct VerbExtractor::Token {
    enum class Kind { kWord, kClauseBreak, kSentenceBreak };
    enum class Tag { kOther, kNoun, kVerb };
    Kind kind = Kind::kWord;
    std::string text;
    std::size_t word_index = 0;
    // Analysis.
    std::string verb_lemma;  // best verb base form, "" when the word cannot be a verb
    bool can_be_noun = false;
    bool participle = false;  // -ed / -en / -ing form
    bool gerund = false;      // -ing form
    int verb_count = 0;       // SemCor tags of the verb lemma / of the noun reading
    int noun_count = 0;
    Tag tag = Tag::kOther;
};

namespace {

VerbExtractor::Token makeToken(VerbExtractor::Token::Kind kind, std::string text,
                               std::size_t word_index) {
    VerbExtractor::Token token;
    token.kind = kind;
    token.text = std::move(text);
    token.word_index = word_index;
    return token;
}

}  // namespace

VerbExtractor::VerbExtractor(std::shared_ptr<const WordNetLexicon> lexicon)
    : lexicon_(std::move(lexicon)) {
    if (!lexicon_) {
        throw Error("VerbExtractor needs a WordNet lexicon");
    }
}

std::vector<VerbExtractor::Token> VerbExtractor::split(std::string_view sentence) const {
    std::vector<Token> tokens;
    std::string word;
    std::size_t word_index = 0;
    const auto flush = [&]() {
        if (word.empty()) {
            return;
        }
        // Contractions: "we're" -> we 're, "don't" -> do n't, "let's" stays whole.
        std::string suffix;
        if (word != "let's") {
            if (word.size() > 3 && word.ends_with("n't")) {
                suffix = "n't";
                word.resize(word.size() - 3);
                if (word == "ca") {
                    word = "can";
                } else if (word == "wo") {
                    word = "will";
                }
            } else if (const auto quote = word.find('\'');
                       quote != std::string::npos && quote > 0) {
                suffix = word.substr(quote);
                word.resize(quote);
            }
        }
        tokens.push_back(makeToken(Token::Kind::kWord, word, word_index++));
        if (!suffix.empty() && suffix != "'") {
            tokens.push_back(makeToken(Token::Kind::kWord, suffix, word_index++));
        }
        word.clear();
    };
    for (const char raw : sentence) {
        const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            (static_cast<unsigned char>(c) >= 0x80)) {
            word.push_back(c);
        } else if (c == '\'' && !word.empty()) {
            word.push_back(c);
        } else {
            flush();
            if (isSentenceBreak(c)) {
                tokens.push_back(makeToken(Token::Kind::kSentenceBreak, std::string(1, c), 0));
            } else if (isClauseBreak(c)) {
                tokens.push_back(makeToken(Token::Kind::kClauseBreak, std::string(1, c), 0));
            }
        }
    }
    flush();
    return tokens;
}

void VerbExtractor::analyse(std::vector<Token>& tokens) const {
    for (auto& token : tokens) {
        if (token.kind != Token::Kind::kWord) {
            continue;
        }
        const auto nouns = lexicon_->baseForms(PartOfSpeech::kNoun, token.text);
        token.can_be_noun = !nouns.empty();
        for (const auto& noun : nouns) {
            token.noun_count =
                std::max(token.noun_count, lexicon_->taggedCount(PartOfSpeech::kNoun, noun));
        }
        if (in(kNeverVerbs, token.text) || in(kDeterminers, token.text) ||
            in(kPrepositions, token.text) || in(kModals, token.text) || in(kBeForms, token.text) ||
            in(kHaveForms, token.text)) {
            continue;
        }
        int best = -1;
        for (const auto& verb : lexicon_->baseForms(PartOfSpeech::kVerb, token.text)) {
            const int count = lexicon_->taggedCount(PartOfSpeech::kVerb, verb);
            if (count > best) {
                best = count;
                token.verb_lemma = verb;
            }
        }
        token.verb_count = std::max(best, 0);
        if (!token.verb_lemma.empty() && token.verb_lemma != token.text) {
            token.gerund = token.text.ends_with("ing");
            token.participle = token.gerund || token.text.ends_with("ed") ||
                               token.text.ends_with("en") || token.text.ends_with("t");
        }
    }
}

double VerbExtractor::score(const std::vector<Token>& tokens, std::size_t i) const {
    const Token& token = tokens[i];
    const auto word = [&](std::size_t j) -> const Token* {
        return j < tokens.size() && tokens[j].kind == Token::Kind::kWord ? &tokens[j] : nullptr;
    };
    const auto tagged = [](const Token* t, Token::Tag tag) {
        return t != nullptr && t->tag == tag;
    };
    const auto leansNoun = [](const Token* t) {
        return t != nullptr && t->can_be_noun && t->noun_count >= t->verb_count &&
               !in(kNeverVerbs, t->text) && !in(kDeterminers, t->text) &&
               !in(kPrepositions, t->text);
    };
    const Token* previous = i > 0 ? word(i - 1) : nullptr;
    const Token* before_previous = i > 1 && previous != nullptr ? word(i - 2) : nullptr;
    const Token* next = word(i + 1);
    const bool clause_start = i == 0 || tokens[i - 1].kind != Token::Kind::kWord ||
                              (previous != nullptr && in(kClauseStarters, previous->text) &&
                               (i == 1 || tokens[i - 2].kind != Token::Kind::kWord ||
                                in(kClauseStarters, tokens[i - 2].text)));
    bool verb_before = false;  // a verb earlier in the same sentence
    for (std::size_t j = i; j-- > 0 && tokens[j].kind != Token::Kind::kSentenceBreak;) {
        verb_before = verb_before || tokens[j].tag == Token::Tag::kVerb;
    }

    // Prior: a word WordNet never lists as a noun is a verb here; otherwise the tagged
    // corpus decides how strongly it leans either way.
    const double prior =
        token.can_be_noun
            ? std::clamp(std::log2((token.verb_count + 1.0) / (token.noun_count + 1.0)), -4.0, 4.0)
            : 2.0;
    double s = prior;
    if (token.participle && !token.gerund && token.can_be_noun && token.noun_count == 0) {
        s = std::max(s, 1.0);
    }
    if (clause_start && !token.participle) {
        s += 4.0;  // imperative: "add the salt", "then top with cheese"
        if (leansNoun(next)) {
            s += 1.0;  // with a bare object: "water plants"
        }
    }
    // "let the cake cool": let + object + bare infinitive.
    for (std::size_t back = 2; back <= 4 && back <= i; ++back) {
        const Token* t = word(i - back);
        if (t == nullptr || t->tag == Token::Tag::kVerb) {
            break;
        }
        if (t->text == "let" || t->text == "let's" || t->text == "lets") {
            s += 6.0;
            break;
        }
    }
    if (previous != nullptr) {
        const std::string& p = previous->text;
        if (in(kSubjects, p) || in(kModals, p)) {
            s += token.participle && !token.gerund && p != "it" ? 1.0 : 4.0;
        }
        if (in(kBeForms, p) || in(kHaveForms, p)) {
            s += token.participle ? 4.0 : -2.0;
        }
        if (in(kDeterminers, p) || in(kNumbers, p) || (p.front() >= '0' && p.front() <= '9')) {
            s -= 6.0;
        }
        if (in(kPrepositions, p) && p != "to") {
            s += token.gerund ? 2.0 : -5.0;  // "before adding" vs "with salt"
        }
        if (in({"really", "very", "so", "too", "pretty", "quite", "nice", "nicely"}, p)) {
            s -= 4.0;  // an intensified adjective: "really fine"
        }
        if (previous->tag == Token::Tag::kVerb && !token.gerund) {
            s -= 3.0;  // object position: "add salt", "heat oil"
        }
        if (previous->tag == Token::Tag::kVerb && token.participle &&
            in({"smell", "look", "seem", "sound", "feel", "taste", "become", "stay"},
               previous->verb_lemma)) {
            s -= 4.0;  // after a linking verb: "smells amazing"
        }
        // Inside a noun phrase: "the egg wash", "white paper stripes".
        if (tagged(previous, Token::Tag::kNoun) && before_previous != nullptr &&
            (in(kDeterminers, before_previous->text) || in(kPrepositions, before_previous->text) ||
             tagged(before_previous, Token::Tag::kNoun))) {
            s -= 3.0;
        }
        if ((p == "and" || p == "or") && before_previous != nullptr) {
            if (tagged(before_previous, Token::Tag::kVerb)) {
                s += 3.0;
            } else if (verb_before && next != nullptr &&
                       (in(kDeterminers, next->text) || in(kObjects, next->text) ||
                        in({"with", "until", "for"}, next->text))) {
                s += 2.0;  // a second verb phrase: "dip it in the egg and coat with crumbs"
            } else if (verb_before && prior >= 3.0) {
                s += 1.0;  // a clearly verbal word ends the sentence: "add salt and stir"
            } else if (tagged(before_previous, Token::Tag::kNoun)) {
                s -= 4.0;  // "salt and pepper"
            }
        }
    }
    if (next != nullptr) {
        const std::string& n = next->text;
        if ((in(kDeterminers, n) && n != "more") || in(kObjects, n)) {
            s += 2.0;  // "cut the", "mix it"
        }
        if (in(kPrepositions, n) || in(kParticles, n)) {
            s += 1.0;  // "top with", "cut up"
        }
        if (token.participle && !token.gerund && leansNoun(next) &&
            (previous == nullptr || !in(kBeForms, previous->text))) {
            s -= 3.0;  // "chopped onions": an adjective
        }
        if (!clause_start && !token.participle && leansNoun(next) && previous != nullptr &&
            !in(kSubjects, previous->text) && !in(kModals, previous->text) &&
            lexicon_->contains(PartOfSpeech::kAdjective, token.text)) {
            s -= 3.0;  // an adjective before its noun: "warm water"
        }
    }
    return s;
}

std::vector<ExtractedVerb> VerbExtractor::extract(std::string_view sentence) const {
    auto tokens = split(sentence);
    analyse(tokens);
    std::vector<ExtractedVerb> verbs;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        Token& token = tokens[i];
        if (token.kind != Token::Kind::kWord) {
            continue;
        }
        if (token.verb_lemma.empty()) {
            token.tag = token.can_be_noun ? Token::Tag::kNoun : Token::Tag::kOther;
            continue;
        }
        if (score(tokens, i) <= 0.0) {
            token.tag = token.can_be_noun ? Token::Tag::kNoun : Token::Tag::kOther;
            continue;
        }
        token.tag = Token::Tag::kVerb;
        const bool make_sure = token.verb_lemma == "make" && i + 1 < tokens.size() &&
                               (tokens[i + 1].text == "sure" || tokens[i + 1].text == "certain");
        if (in(kNonActionLemmas, token.verb_lemma) || make_sure) {
            continue;
        }
        ExtractedVerb verb{token.verb_lemma, token.text, {}, token.word_index};
        if (i + 1 < tokens.size() && tokens[i + 1].kind == Token::Kind::kWord &&
            in(kParticles, tokens[i + 1].text)) {
            const std::string collocation = token.verb_lemma + "_" + tokens[i + 1].text;
            if (lexicon_->contains(PartOfSpeech::kVerb, collocation)) {
                verb.phrasal = collocation;
            }
        }
        verbs.push_back(std::move(verb));
    }
    return verbs;
}

std::vector<std::string> VerbExtractor::lemmas(std::string_view sentence) const {
    std::vector<std::string> lemmas;
    for (auto& verb : extract(sentence)) {
        if (std::find(lemmas.begin(), lemmas.end(), verb.lemma) == lemmas.end()) {
            lemmas.push_back(std::move(verb.lemma));
        }
    }
    return lemmas;
}

}  // namespace actbert::text
