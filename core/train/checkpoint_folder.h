#pragma once
// Checkpoint folders in Hugging Face style: OUT/checkpoint-STEP/ (and OUT/final/) holding
// config.json ({"model": ..., "training": ..., "step": N}), model.safetensors (every named
// parameter and buffer, float32) and training_state.pt (optimiser, RNG states, loader position,
// step). A folder is written under a hidden partial name and renamed when complete, so a folder
// named checkpoint-STEP is always whole.
// Threading: free functions; the module must not be used elsewhere while saved or loaded.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace actbert::train {

inline constexpr const char* kConfigFile = "config.json";
inline constexpr const char* kModelFile = "model.safetensors";
inline constexpr const char* kTrainingStateFile = "training_state.pt";

// "checkpoint-STEP" under `out`.
std::filesystem::path checkpointPath(const std::filesystem::path& out, std::int64_t step);

// The complete checkpoint-STEP folder with the highest STEP, if any.
std::optional<std::filesystem::path> newestCheckpoint(const std::filesystem::path& out);

// Removes all but the newest `keep` checkpoint-STEP folders and any stale partial folder.
void pruneCheckpoints(const std::filesystem::path& out, std::int64_t keep);

// Renames the finished `partial` folder to `target`, replacing an existing one.
void commitFolder(const std::filesystem::path& partial, const std::filesystem::path& target);

// A hidden sibling name under which `target` is written before commitFolder.
std::filesystem::path partialPath(const std::filesystem::path& target);

}  // namespace actbert::train
