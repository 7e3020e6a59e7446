#pragma once
// Reading the files `actbert score` takes: size-checked JSON and text with errors that name
// the file (actbert::Error), shared by every task's reader. Any thread.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace actbert::eval {

// `what` names the role in messages: "predictions", "ground-truth".
[[noreturn]] void throwFileError(const std::filesystem::path& path, const std::string& what,
                                 const std::string& problem);

nlohmann::json readJsonFile(const std::filesystem::path& path, const std::string& what);

// Lines without their end-of-line characters (\n or \r\n).
std::vector<std::string> readTextLines(const std::filesystem::path& path, const std::string& what);

// Splits on one separator character; empty fields kept.
std::vector<std::string> splitFields(const std::string& line, char separator);

// A whole-string integer / finite number, or nothing.
bool parseInteger(const std::string& text, long long& value);
bool parseNumber(const std::string& text, double& value);

// printf's %.*f, for the human-readable report lines.
std::string formatFixed(double value, int decimals);

}  // namespace actbert::eval
