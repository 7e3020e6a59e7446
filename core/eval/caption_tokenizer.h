#pragma once
// Tokenisation of captions before scoring, standing in for coco-caption's pipeline (Stanford
// PTB tokenizer, lower-case, punctuation tokens dropped), which needs Java and is not here.
// Rules: ASCII lower-case; split on white space; punctuation splits a word and is dropped,
// except '-', '.', ',' and '/' between two letters or digits ("stir-fry", "3.5", "1,000",
// "1/2" stay one token, as PTB keeps them); PTB's clitics are split off and kept ("don't" ->
// "do n't", "onion's" -> "onion 's"). Non-ASCII bytes are kept as word characters.

#include <string>
#include <string_view>
#include <vector>

namespace actbert::eval {

std::vector<std::string> tokenizeCaption(std::string_view caption);

}  // namespace actbert::eval
