#include "core/text/wordnet_lexicon.h"

#include <algorithm>
#include <fstream>
#include <span>

#include "core/common/error.h"

namespace actbert::text {

namespace {

// WordNet 3.0's files are a few megabytes; a much larger file is not a WordNet file.
constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;

struct Detachment {
    std::string_view suffix;
    std::string_view ending;
};

// morphy's detachment rules (WordNet's morph.c), per part of speech.
constexpr Detachment kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                                     {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Detachment kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                                     {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Detachment kAdjectiveRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

std::ifstream openChecked(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error("cannot read WordNet file " + path.string() + ": " + error.message() +
                    " (Debian package wordnet-base)");
    }
    if (size > kMaxFileBytes) {
        throw Error("WordNet file " + path.string() + " is implausibly large (" +
                    std::to_string(size) + " bytes)");
    }
    std::ifstream in(path);
    if (!in) {
        throw Error("cannot open WordNet file " + path.string());
    }
    return in;
}

std::string_view firstField(std::string_view line, std::size_t& rest) {
    const auto end = line.find(' ');
    rest = end == std::string_view::npos ? line.size() : end + 1;
    return line.substr(0, end == std::string_view::npos ? line.size() : end);
}

}  // namespace

WordNetLexicon WordNetLexicon::load(const std::filesystem::path& directory) {
    WordNetLexicon lexicon;
    const char* names[] = {"noun", "verb", "adj", "adv"};
    for (std::size_t p = 0; p < 4; ++p) {
        Part& part = lexicon.parts_[p];
        const auto index_path = directory / (std::string("index.") + names[p]);
        auto index = openChecked(index_path);
        for (std::string line; std::getline(index, line);) {
            if (line.empty() || line.front() == ' ') {
                continue;  // the licence header lines start with spaces
            }
            std::size_t rest = 0;
            const std::string lemma(firstField(line, rest));
            // The line ends with its synset_cnt synset offsets (8 digits each).
            auto& offsets = part.synsets[lemma];
            for (std::size_t end = line.size(); end > rest;) {
                while (end > rest && line[end - 1] == ' ') {
                    --end;
                }
                const auto start = line.rfind(' ', end - 1);
                const auto field = std::string_view(line).substr(
                    start == std::string::npos ? 0 : start + 1,
                    end - (start == std::string::npos ? 0 : start + 1));
                if (field.size() != 8 ||
                    field.find_first_not_of("0123456789") != std::string_view::npos) {
                    break;
                }
                offsets.push_back(static_cast<std::uint32_t>(std::stoul(std::string(field))));
                end = start == std::string::npos ? 0 : start;
            }
            part.lemmas.emplace(lemma);
        }
        if (part.lemmas.empty()) {
            throw Error("WordNet file " + index_path.string() + " has no entries");
        }
        const auto exceptions_path = directory / (std::string(names[p]) + ".exc");
        auto exceptions = openChecked(exceptions_path);
        for (std::string line; std::getline(exceptions, line);) {
            std::size_t rest = 0;
            const std::string inflected(firstField(line, rest));
            std::string_view bases = std::string_view(line).substr(rest);
            auto& forms = part.exceptions[inflected];
            while (!bases.empty()) {
                std::size_t next = 0;
                const auto base = firstField(bases, next);
                if (!base.empty()) {
                    forms.emplace_back(base);
                }
                bases.remove_prefix(next);
            }
        }
    }
    // cntlist.rev lines: "lemma%ss_type:lex_filenum:lex_id:head_word:head_id sense tag_count";
    // ss_type 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
    const auto counts_path = directory / "cntlist.rev";
    auto counts = openChecked(counts_path);
    for (std::string line; std::getline(counts, line);) {
        const auto percent = line.find('%');
        const auto last_space = line.rfind(' ');
        if (percent == std::string::npos || last_space == std::string::npos ||
            percent + 1 >= line.size()) {
            continue;
        }
        const int type = line[percent + 1] - '0';
        const int count = std::atoi(line.c_str() + last_space + 1);
        const std::size_t p = type == 1 ? 0 : type == 2 ? 1 : (type == 3 || type == 5) ? 2 : 3;
        if (type >= 1 && type <= 5 && count > 0) {
            lexicon.parts_[p].tagged_counts[line.substr(0, percent)] += count;
        }
    }
    return lexicon;
}

bool WordNetLexicon::contains(PartOfSpeech pos, std::string_view lemma) const {
    return part(pos).lemmas.contains(std::string(lemma));
}

std::vector<std::uint32_t> WordNetLexicon::synsets(PartOfSpeech pos, std::string_view lemma) const {
    const auto& synsets = part(pos).synsets;
    const auto it = synsets.find(std::string(lemma));
    return it == synsets.end() ? std::vector<std::uint32_t>{} : it->second;
}

int WordNetLexicon::taggedCount(PartOfSpeech pos, std::string_view lemma) const {
    const auto& counts = part(pos).tagged_counts;
    const auto it = counts.find(std::string(lemma));
    return it == counts.end() ? 0 : it->second;
}

std::vector<std::string> WordNetLexicon::baseForms(PartOfSpeech pos, std::string_view word) const {
    const Part& p = part(pos);
    std::vector<std::string> forms;
    const auto add = [&](std::string form) {
        if (p.lemmas.contains(form) && std::find(forms.begin(), forms.end(), form) == forms.end()) {
            forms.push_back(std::move(form));
        }
    };
    const std::string original(word);
    add(original);
    // An irregular form is resolved by the exception list alone (morphy does not also apply
    // the detachment rules to it).
    if (const auto it = p.exceptions.find(original); it != p.exceptions.end()) {
        for (const auto& base : it->second) {
            add(base);
        }
        return forms;
    }
    std::span<const Detachment> rules;
    if (pos == PartOfSpeech::kNoun) {
        rules = kNounRules;
    } else if (pos == PartOfSpeech::kVerb) {
        rules = kVerbRules;
    } else if (pos == PartOfSpeech::kAdjective) {
        rules = kAdjectiveRules;
    }
    for (const auto& rule : rules) {
        if (word.size() > rule.suffix.size() && word.ends_with(rule.suffix)) {
            add(std::string(word.substr(0, word.size() - rule.suffix.size())) +
                std::string(rule.ending));
        }
    }
    return forms;
}

}  // namespace actbert::text
