#include "core/train/distributed/distributed_environment.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace actbert::train {
namespace {

const char* variable(const char* name) {
    const char* value = std::getenv(name);
    return (value != nullptr && *value != '\0') ? value : nullptr;
}

int integerVariable(const char* name, int fallback, int minimum) {
    const char* text = variable(name);
    if (text == nullptr) {
        return fallback;
    }
    errno = 0;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < minimum || value > 1 << 30) {
        throw std::runtime_error(std::string("distributed environment: ") + name + "='" + text +
                                 "' is not an integer >= " + std::to_string(minimum));
    }
    return static_cast<int>(value);
}

}  // namespace

std::string DistributedEnvironment::agentStorePrefix() const {
    return "/worker/attempt_" + std::to_string(restart_count);
}

bool DistributedEnvironment::isSetInProcessEnvironment() {
    return variable("RANK") != nullptr || variable("WORLD_SIZE") != nullptr;
}

DistributedEnvironment DistributedEnvironment::fromProcessEnvironment() {
    DistributedEnvironment env;
    if (!isSetInProcessEnvironment()) {
        return env;
    }
    if (variable("RANK") == nullptr || variable("WORLD_SIZE") == nullptr) {
        throw std::runtime_error(
            "distributed environment: RANK and WORLD_SIZE must be set together (as torchrun "
            "does)");
    }
    env.world_size = integerVariable("WORLD_SIZE", 1, 1);
    env.rank = integerVariable("RANK", 0, 0);
    if (env.rank >= env.world_size) {
        throw std::runtime_error("distributed environment: RANK=" + std::to_string(env.rank) +
                                 " is not below WORLD_SIZE=" + std::to_string(env.world_size));
    }
    env.local_rank = integerVariable("LOCAL_RANK", env.rank, 0);
    if (const char* addr = variable("MASTER_ADDR")) {
        env.master_addr = addr;
    }
    env.master_port = integerVariable("MASTER_PORT", 0, 0);
    if (env.world_size > 1 && (env.master_port <= 0 || env.master_port > 65535)) {
        throw std::runtime_error(
            "distributed environment: WORLD_SIZE > 1 needs MASTER_PORT in 1..65535 (the "
            "rendezvous port of rank 0)");
    }
    if (const char* agent = variable("TORCHELASTIC_USE_AGENT_STORE")) {
        // torchrun writes str(True) / str(False).
        const std::string value = agent;
        env.use_agent_store = value == "True" || value == "true" || value == "1";
    }
    env.restart_count = integerVariable("TORCHELASTIC_RESTART_COUNT", 0, 0);
    return env;
}

}  // namespace actbert::train
