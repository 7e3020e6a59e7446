#include "core/train/distributed/local_launcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace actbert::train {
namespace {

// Variables the launcher sets; inherited values (from an outer torchrun) must not leak in.
const char* const kLauncherVariables[] = {"RANK",
                                          "WORLD_SIZE",
                                          "LOCAL_RANK",
                                          "LOCAL_WORLD_SIZE",
                                          "GROUP_RANK",
                                          "MASTER_ADDR",
                                          "MASTER_PORT",
                                          "TORCHELASTIC_USE_AGENT_STORE",
                                          "TORCHELASTIC_RESTART_COUNT"};

bool isLauncherVariable(const std::string& entry) {
    for (const char* name : kLauncherVariables) {
        const std::size_t n = std::strlen(name);
        if (entry.size() > n && entry.compare(0, n, name) == 0 && entry[n] == '=') {
            return true;
        }
    }
    return false;
}

int exitCodeOf(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return 1;
}

std::string describeStatus(int status) {
    if (WIFSIGNALED(status)) {
        return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    }
    return "exited with status " + std::to_string(exitCodeOf(status));
}

struct Worker {
    pid_t pid = -1;
    int rank = 0;
    bool running = false;
};

}  // namespace

int findFreeTcpPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        throw std::runtime_error(std::string("launcher: cannot open a socket: ") +
                                 std::strerror(errno));
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // the kernel picks a free port
    socklen_t length = sizeof(addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
        const std::string error = std::strerror(errno);
        ::close(fd);
        throw std::runtime_error("launcher: cannot find a free TCP port on 127.0.0.1: " + error);
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

int launchLocalWorkers(const LocalLaunchOptions& options) {
    if (options.nproc < 1 || options.nproc > 1024) {
        throw std::runtime_error("launcher: --nproc must be between 1 and 1024, got " +
                                 std::to_string(options.nproc));
    }
    std::string program = options.program;
    if (program.empty()) {
        char path[4096];
        const ssize_t n = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
        if (n <= 0) {
            throw std::runtime_error("launcher: cannot find this executable (/proc/self/exe)");
        }
        program.assign(path, static_cast<std::size_t>(n));
    }
    const int port = findFreeTcpPort();

    std::vector<std::string> base_env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        if (!isLauncherVariable(*e)) {
            base_env.emplace_back(*e);
        }
    }
    for (const auto& [name, value] : options.environment) {
        base_env.push_back(name + "=" + value);
    }
    std::vector<std::string> args{program};
    args.insert(args.end(), options.arguments.begin(), options.arguments.end());
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    std::vector<Worker> workers(static_cast<std::size_t>(options.nproc));
    auto stopAll = [&](int signal_number) {
        for (const auto& w : workers) {
            if (w.running) {
                ::kill(w.pid, signal_number);
            }
        }
    };
    for (int rank = 0; rank < options.nproc; ++rank) {
        std::vector<std::string> env = base_env;
        env.push_back("RANK=" + std::to_string(rank));
        env.push_back("LOCAL_RANK=" + std::to_string(rank));
        env.push_back("GROUP_RANK=0");
        env.push_back("WORLD_SIZE=" + std::to_string(options.nproc));
        env.push_back("LOCAL_WORLD_SIZE=" + std::to_string(options.nproc));
        env.push_back("MASTER_ADDR=127.0.0.1");
        env.push_back("MASTER_PORT=" + std::to_string(port));
        std::vector<char*> envp;
        for (auto& v : env) {
            envp.push_back(v.data());
        }
        envp.push_back(nullptr);
        pid_t pid = -1;
        const int rc =
            ::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), envp.data());
        if (rc != 0) {
            if (!options.quiet) {
                std::fprintf(stderr, "launcher: cannot start worker %d (%s): %s\n", rank,
                             program.c_str(), std::strerror(rc));
            }
            stopAll(SIGKILL);
            for (auto& w : workers) {
                if (w.running) {
                    ::waitpid(w.pid, nullptr, 0);
                }
            }
            return 1;
        }
        workers[static_cast<std::size_t>(rank)] = Worker{pid, rank, true};
    }

    // Poll our own children only (waitpid(-1) would reap other children of the caller, such
    // as a test harness's QProcess).
    int result = 0;
    int running = options.nproc;
    bool stopping = false;
    auto deadline = std::chrono::steady_clock::time_point::max();
    while (running > 0) {
        bool reaped = false;
        for (auto& w : workers) {
            int status = 0;
            if (!w.running || ::waitpid(w.pid, &status, WNOHANG) != w.pid) {
                continue;
            }
            reaped = true;
            w.running = false;
            --running;
            if (!stopping && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
                result = exitCodeOf(status) == 0 ? 1 : exitCodeOf(status);
                stopping = true;
                if (!options.quiet) {
                    std::fprintf(stderr,
                                 "launcher: worker rank %d (pid %d) %s; stopping the other %d "
                                 "worker(s)\n",
                                 w.rank, static_cast<int>(w.pid), describeStatus(status).c_str(),
                                 running);
                }
                stopAll(SIGTERM);
                deadline = std::chrono::steady_clock::now() + options.grace;
            }
        }
        if (stopping && std::chrono::steady_clock::now() >= deadline) {
            stopAll(SIGKILL);
            deadline = std::chrono::steady_clock::time_point::max();
        }
        if (!reaped) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    return result;
}

}  // namespace actbert::train
