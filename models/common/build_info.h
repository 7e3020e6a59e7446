#pragma once
// What this build is: the product's version, the LibTorch it was compiled against and whether
// CUDA can be used here. Shown by `actbert --version` and the studio's About box.
// Threading: free functions, safe from any thread.

#include <string>

namespace actbert::models {

struct BuildInfo {
    std::string product_version;    // the project's version, "0.1.0"
    std::string libtorch_version;   // LibTorch's own version macro, "1.13.0"
    bool cuda_compiled = false;     // this LibTorch has CUDA kernels
    long cuda_runtime_version = 0;  // CUDART's version number when compiled in (12010 = 12.1)
    int cuda_devices = 0;           // CUDA GPUs visible now (honours CUDA_VISIBLE_DEVICES)
};

BuildInfo buildInfo();

// Two plain lines, "VERSION" and "LibTorch X, CUDA ...", for a terminal or a dialog.
std::string describeBuild(const BuildInfo& info);

}  // namespace actbert::models
