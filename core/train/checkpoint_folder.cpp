#include "core/train/checkpoint_folder.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace actbert::train {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "checkpoint-";

std::optional<std::int64_t> stepOf(const fs::path& folder) {
    const auto name = folder.filename().string();
    if (name.rfind(kPrefix, 0) != 0)
        return std::nullopt;
    std::int64_t step = 0;
    const char* begin = name.data() + kPrefix.size();
    const char* end = name.data() + name.size();
    const auto [ptr, error] = std::from_chars(begin, end, step);
    if (error != std::errc() || ptr != end || begin == end)
        return std::nullopt;
    return step;
}

bool complete(const fs::path& folder) {
    return fs::is_regular_file(folder / kConfigFile) && fs::is_regular_file(folder / kModelFile) &&
           fs::is_regular_file(folder / kTrainingStateFile);
}

std::vector<std::pair<std::int64_t, fs::path>> checkpoints(const fs::path& out) {
    std::vector<std::pair<std::int64_t, fs::path>> found;
    std::error_code error;
    if (!fs::is_directory(out, error))
        return found;
    for (const auto& entry : fs::directory_iterator(out, error)) {
        if (!entry.is_directory())
            continue;
        if (const auto step = stepOf(entry.path()); step && complete(entry.path()))
            found.emplace_back(*step, entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

fs::path checkpointPath(const fs::path& out, std::int64_t step) {
    return out / (std::string(kPrefix) + std::to_string(step));
}

std::optional<fs::path> newestCheckpoint(const fs::path& out) {
    const auto found = checkpoints(out);
    if (found.empty())
        return std::nullopt;
    return found.back().second;
}

fs::path partialPath(const fs::path& target) {
    return target.parent_path() / ("." + target.filename().string() + ".partial");
}

void pruneCheckpoints(const fs::path& out, std::int64_t keep) {
    const auto found = checkpoints(out);
    const auto remove = static_cast<std::int64_t>(found.size()) - keep;
    for (std::int64_t i = 0; i < remove; ++i)
        fs::remove_all(found[static_cast<size_t>(i)].second);
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(out, error)) {
        const auto name = entry.path().filename().string();
        if (name.size() > 9 && name.front() == '.' && name.ends_with(".partial"))
            fs::remove_all(entry.path());
    }
}

void commitFolder(const fs::path& partial, const fs::path& target) {
    // A directory cannot be renamed over a non-empty one: move the old one aside first.
    const auto old = target.parent_path() / ("." + target.filename().string() + ".old.partial");
    fs::remove_all(old);
    if (fs::exists(target))
        fs::rename(target, old);
    fs::rename(partial, target);
    fs::remove_all(old);
}

}  // namespace actbert::train
