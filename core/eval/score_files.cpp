#include "core/eval/score_files.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "core/common/error.h"

namespace actbert::eval {

namespace {

// Benchmark annotation files are at most a few hundred megabytes; refuse far larger input.
constexpr std::uintmax_t kMaxFileBytes = 512ull * 1024 * 1024;

std::ifstream openChecked(const std::filesystem::path& path, const std::string& what) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throwFileError(path, what, "is a folder, a file was expected");
    }
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error("cannot read " + what + " file " + path.string() + ": " + error.message());
    }
    if (size > kMaxFileBytes) {
        throwFileError(path, what, "is too large (" + std::to_string(size) + " bytes)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot open " + what + " file " + path.string());
    }
    return in;
}

}  // namespace

void throwFileError(const std::filesystem::path& path, const std::string& what,
                    const std::string& problem) {
    throw Error(what + " file " + path.string() + ": " + problem);
}

nlohmann::json readJsonFile(const std::filesystem::path& path, const std::string& what) {
    auto in = openChecked(path, what);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throwFileError(path, what, std::string("not valid JSON: ") + e.what());
    }
}

std::vector<std::string> readTextLines(const std::filesystem::path& path, const std::string& what) {
    auto in = openChecked(path, what);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> splitFields(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const auto end = line.find(separator, start);
        fields.push_back(line.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            return fields;
        }
        start = end + 1;
    }
}

bool parseInteger(const std::string& text, long long& value) {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last && first != last;
}

bool parseNumber(const std::string& text, double& value) {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last && first != last && std::isfinite(value);
}

std::string formatFixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace actbert::eval
