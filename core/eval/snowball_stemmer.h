#pragma once
// The Snowball English ("Porter2") stemmer of Debian's libstemmer, the stemmer METEOR 1.5
// uses for English. Not thread-safe (libstemmer keeps state per instance): one per thread.

#include <string>
#include <string_view>

struct sb_stemmer;

namespace actbert::eval {

class SnowballStemmer {
public:
    SnowballStemmer();  // throws actbert::Error when libstemmer has no English stemmer
    ~SnowballStemmer();
    SnowballStemmer(const SnowballStemmer&) = delete;
    SnowballStemmer& operator=(const SnowballStemmer&) = delete;

    std::string stem(std::string_view word);

private:
    sb_stemmer* stemmer_ = nullptr;
};

}  // namespace actbert::eval
