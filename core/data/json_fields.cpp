#include "core/data/json_fields.h"

#include <cmath>

#include "core/common/error.h"
#include "core/data/format_support.h"

namespace actbert::data {
namespace {

constexpr int kMaxDepth = 64;

// Refuses absurdly nested input before the recursive DOM sees it.
void checkDepth(const std::string& text, const std::string& file) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) {
                throw Error(file + ": JSON nested deeper than " + std::to_string(kMaxDepth) +
                            " levels at byte " + std::to_string(i) + " (" +
                            describePosition(text, i) + ")");
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

}  // namespace

nlohmann::json JsonFields::load(const std::filesystem::path& path) {
    const std::string text = readTextFile(path);
    checkDepth(text, path.string());
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        std::string reason = error.what();
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at ...".
        if (const auto colon = reason.find(": "); colon != std::string::npos) {
            reason = reason.substr(colon + 2);
        }
        throw Error(path.string() + ": invalid JSON at byte " + std::to_string(offset) + " (" +
                    describePosition(text, offset) + "): " + reason);
    }
}

std::string JsonFields::where(const std::string& path) const {
    return file_ + ": at " + (path.empty() ? "/" : path);
}

void JsonFields::fail(const std::string& path, const std::string& problem) const {
    throw Error(where(path) + ": " + problem);
}

const nlohmann::json& JsonFields::member(const nlohmann::json& object, const char* key,
                                         const std::string& path) const {
    requireObject(object, path);
    const auto found = object.find(key);
    if (found == object.end()) {
        fail(path, std::string("missing key \"") + key + "\"");
    }
    return *found;
}

const nlohmann::json* JsonFields::optionalMember(const nlohmann::json& object, const char* key,
                                                 const std::string& path) const {
    requireObject(object, path);
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

const nlohmann::json& JsonFields::requireObject(const nlohmann::json& value,
                                                const std::string& path) const {
    if (!value.is_object()) {
        fail(path, std::string("expected an object, found ") + value.type_name());
    }
    return value;
}

const nlohmann::json& JsonFields::requireArray(const nlohmann::json& value,
                                               const std::string& path) const {
    if (!value.is_array()) {
        fail(path, std::string("expected an array, found ") + value.type_name());
    }
    return value;
}

double JsonFields::number(const nlohmann::json& value, const std::string& path) const {
    if (!value.is_number()) {
        fail(path, std::string("expected a number, found ") + value.type_name());
    }
    const double result = value.get<double>();
    if (!std::isfinite(result)) {
        fail(path, "number out of range");
    }
    return result;
}

std::string JsonFields::string(const nlohmann::json& value, const std::string& path) const {
    if (!value.is_string()) {
        fail(path, std::string("expected a string, found ") + value.type_name());
    }
    return value.get<std::string>();
}

std::string JsonFields::stringOrNumber(const nlohmann::json& value, const std::string& path) const {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number_integer()) {
        return std::to_string(value.get<std::int64_t>());
    }
    if (value.is_number()) {
        return formatNumber(value.get<double>());
    }
    fail(path, std::string("expected a string or number, found ") + value.type_name());
}

std::string pointerKey(const std::string& key) {
    std::string escaped;
    for (const char c : key) {
        if (c == '~') {
            escaped += "~0";
        } else if (c == '/') {
            escaped += "~1";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

}  // namespace actbert::data
