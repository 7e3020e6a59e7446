#pragma once
// Choosing the torch::Device a computation runs on, from a user's words.
// Threading: free functions, safe from any thread.

#include <torch/types.h>

#include <string>
#include <vector>

namespace actbert::models {

struct DeviceInfo {
    std::string spec;  // "cpu" or "cuda:N": what the user types to choose it
    std::string name;  // human-readable description
};

// Every device this build of LibTorch can use here: the CPU first, then each CUDA GPU.
std::vector<DeviceInfo> availableDevices();

// Parses "cpu", "cuda", "cuda:N" or "auto" (the first CUDA GPU if any, else the CPU).
// Throws std::invalid_argument with a plain explanation when the device is unknown or absent,
// e.g. "cuda:0 was asked for but this LibTorch was built without CUDA".
torch::Device parseDevice(const std::string& spec);

}  // namespace actbert::models
