#include "core/eval/snowball_stemmer.h"

#include <libstemmer.h>

#include "core/common/error.h"

namespace actbert::eval {

SnowballStemmer::SnowballStemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
    if (stemmer_ == nullptr) {
        throw Error("libstemmer has no English UTF-8 stemmer (Debian package libstemmer0d)");
    }
}

SnowballStemmer::~SnowballStemmer() {
    sb_stemmer_delete(stemmer_);
}

std::string SnowballStemmer::stem(std::string_view word) {
    const sb_symbol* stemmed = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stemmed == nullptr) {
        throw Error("libstemmer ran out of memory stemming a word");
    }
    return std::string(reinterpret_cast<const char*>(stemmed),
                       static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace actbert::eval
