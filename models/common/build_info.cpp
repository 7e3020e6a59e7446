#include "models/common/build_info.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <c10/util/Exception.h>
#include <torch/cuda.h>
#include <torch/version.h>

#ifndef ACTBERT_VERSION
#error "ACTBERT_VERSION must be defined by the build (models/common/CMakeLists.txt)"
#endif

namespace actbert::models {

BuildInfo buildInfo() {
    BuildInfo info;
    info.product_version = ACTBERT_VERSION;
    info.libtorch_version = TORCH_VERSION;
    // torch::cuda::is_available() is false both for a CPU-only LibTorch and for a CUDA one
    // without a visible device; the device count alone cannot tell the two apart.
    info.cuda_devices = static_cast<int>(torch::cuda::device_count());
    // The CUDA hooks are only registered when LibTorch's CUDA library is linked in; the default
    // hooks refuse to name a runtime version.
    try {
        info.cuda_runtime_version = at::detail::getCUDAHooks().versionCUDART();
        info.cuda_compiled = true;
    } catch (const c10::Error&) {
        info.cuda_compiled = false;
    }
    return info;
}

std::string describeBuild(const BuildInfo& info) {
    std::string cuda;
    if (info.cuda_devices > 0) {
        cuda = "CUDA available, " + std::to_string(info.cuda_devices) + " GPU" +
               (info.cuda_devices == 1 ? "" : "s");
    } else if (info.cuda_compiled) {
        cuda = "CUDA " + std::to_string(info.cuda_runtime_version) + " built in, no GPU visible";
    } else {
        cuda = "CUDA not available (CPU-only LibTorch)";
    }
    return info.product_version + "\nLibTorch " + info.libtorch_version + ", " + cuda;
}

}  // namespace actbert::models
