#pragma once
// English function words for METEOR's delta (content vs function word weighting). METEOR 1.5
// ships its own list (resources/function/english.words), which is not available here; this
// one is written for the project: articles, determiners, pronouns, prepositions,
// conjunctions, auxiliary and modal verbs, common particles and adverbs of degree, and PTB's
// clitic tokens ('s, n't, ...). Lower-case tokens as the caption tokenizer produces them.

#include <string_view>

namespace actbert::eval {

bool isEnglishFunctionWord(std::string_view token);

}  // namespace actbert::eval
