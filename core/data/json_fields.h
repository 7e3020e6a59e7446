#pragma once
// Parsing untrusted JSON annotation files: size-checked loading, nesting-depth limit, and
// typed field access whose errors name the file and the JSON path (/database/vid/...).
// Threading: plain values.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace actbert::data {

class JsonFields {
public:
    explicit JsonFields(std::string file) : file_(std::move(file)) {}

    // Reads and parses a file (size limit, UTF-8, nesting depth <= 64). Errors give the line.
    static nlohmann::json load(const std::filesystem::path& path);

    const nlohmann::json& member(const nlohmann::json& object, const char* key,
                                 const std::string& path) const;
    const nlohmann::json* optionalMember(const nlohmann::json& object, const char* key,
                                         const std::string& path) const;
    const nlohmann::json& requireObject(const nlohmann::json& value, const std::string& path) const;
    const nlohmann::json& requireArray(const nlohmann::json& value, const std::string& path) const;
    double number(const nlohmann::json& value, const std::string& path) const;
    std::string string(const nlohmann::json& value, const std::string& path) const;
    // A string, or a number written as its shortest text ("113" for both "113" and 113).
    std::string stringOrNumber(const nlohmann::json& value, const std::string& path) const;

    // "file: at /path" for messages built elsewhere.
    std::string where(const std::string& path) const;
    [[noreturn]] void fail(const std::string& path, const std::string& problem) const;

private:
    std::string file_;
};

// JSON pointer escaping of one key ("a/b" -> "a~1b").
std::string pointerKey(const std::string& key);

}  // namespace actbert::data
