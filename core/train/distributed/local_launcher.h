#pragma once
// `--nproc N`: runs N workers of the same program on this host with torchrun's environment
// (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1, MASTER_PORT on a
// free port), so the workers rendezvous exactly as under `torchrun --no-python`. Workers
// inherit stdout/stderr (their output is forwarded as is; the loop lets only rank 0 print
// progress). When one worker fails (non-zero exit or signal) the launcher terminates the others
// (SIGTERM, then SIGKILL after a grace period), prints which rank failed and returns non-zero.
// Plain POSIX, no LibTorch.
//
// Usage (in a command's main, before any training starts):
//   if (nproc > 1 && !DistributedEnvironment::isSetInProcessEnvironment()) {
//       LocalLaunchOptions launch;
//       launch.nproc = nproc;
//       launch.arguments = argumentsWithoutNproc;   // the worker must not launch again
//       return launchLocalWorkers(launch);          // exit code for the command
//   }

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace actbert::train {

struct LocalLaunchOptions {
    int nproc = 1;
    // Program to run; empty: this executable (/proc/self/exe).
    std::string program;
    // argv[1..] for every worker (argv[0] is the program).
    std::vector<std::string> arguments;
    // Extra variables for every worker (NAME, value), e.g. OMP_NUM_THREADS.
    std::vector<std::pair<std::string, std::string>> environment;
    // After the first failure, how long the others get to exit on SIGTERM before SIGKILL.
    std::chrono::milliseconds grace = std::chrono::seconds(10);
    // Where the launcher's own messages go (the workers' output is not touched).
    bool quiet = false;
};

// Returns 0 when every worker exited with 0, otherwise the first failing worker's exit code
// (128 + signal for a signal, 1 when it cannot start). Throws std::runtime_error when the
// options are invalid or no port can be found.
int launchLocalWorkers(const LocalLaunchOptions& options);

// A TCP port on 127.0.0.1 that nothing listens on now (the kernel picks it; torchrun does the
// same, so a small race with other programs remains).
int findFreeTcpPort();

}  // namespace actbert::train
