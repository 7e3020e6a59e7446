#include "models/common/device.h"

#include <torch/cuda.h>

#include <stdexcept>

namespace actbert::models {

std::vector<DeviceInfo> availableDevices() {
    std::vector<DeviceInfo> devices{{"cpu", "CPU"}};
    const auto cuda_count = torch::cuda::is_available() ? torch::cuda::device_count() : 0;
    for (std::size_t index = 0; index < cuda_count; ++index) {
        const std::string spec = "cuda:" + std::to_string(index);
        devices.push_back({spec, "CUDA GPU " + std::to_string(index)});
    }
    return devices;
}

torch::Device parseDevice(const std::string& spec) {
    if (spec == "auto") {
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0)
                                           : torch::Device(torch::kCPU);
    }
    if (spec == "cpu") {
        return torch::Device(torch::kCPU);
    }
    if (spec.rfind("cuda", 0) != 0) {
        throw std::invalid_argument("unknown device '" + spec +
                                    "': expected cpu, cuda, cuda:N or auto");
    }
    int index = 0;
    if (spec.size() > 4) {
        if (spec[4] != ':' || spec.size() == 5 ||
            spec.find_first_not_of("0123456789", 5) != std::string::npos) {
            throw std::invalid_argument("unknown device '" + spec +
                                        "': expected cpu, cuda, cuda:N or auto");
        }
        index = std::stoi(spec.substr(5));
    }
    if (!torch::cuda::is_available()) {
        throw std::invalid_argument(spec +
                                    " was asked for but no CUDA GPU is usable here (this "
                                    "LibTorch has no CUDA support or no GPU is present)");
    }
    const auto count = static_cast<int>(torch::cuda::device_count());
    if (index >= count) {
        throw std::invalid_argument(spec + " was asked for but only " + std::to_string(count) +
                                    " CUDA GPU(s) are present");
    }
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
}

}  // namespace actbert::models
