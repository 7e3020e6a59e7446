#pragma once
// Where this process sits in a data-parallel job, read from torchrun's environment so the same
// binary runs under `torchrun --no-python`, Slurm (srun exporting the same variables),
// Kubernetes, or our own `--nproc N` launcher. Plain C++: no LibTorch here.

#include <string>

namespace actbert::train {

struct DistributedEnvironment {
    int rank = 0;                           // RANK: global rank in [0, world_size)
    int world_size = 1;                     // WORLD_SIZE
    int local_rank = 0;                     // LOCAL_RANK: rank on this host (picks the CUDA device)
    std::string master_addr = "127.0.0.1";  // MASTER_ADDR: host of the rendezvous TCPStore
    int master_port = 0;                    // MASTER_PORT
    // TORCHELASTIC_USE_AGENT_STORE=True: torchrun's agent already serves the store, so every
    // rank (rank 0 too) connects as a client under the prefix /worker/attempt_<restart_count>.
    bool use_agent_store = false;
    int restart_count = 0;  // TORCHELASTIC_RESTART_COUNT

    // True when the job has more than one process (collectives are needed).
    bool isDistributed() const { return world_size > 1; }
    // The PrefixStore prefix torchrun's agent store uses for this attempt.
    std::string agentStorePrefix() const;

    // Reads the variables; when none is set the result is the single-process default.
    // Throws std::runtime_error naming the variable when a value is malformed or the set is
    // inconsistent (RANK without WORLD_SIZE, RANK >= WORLD_SIZE, missing MASTER_PORT, ...).
    static DistributedEnvironment fromProcessEnvironment();
    // True when any of torchrun's variables is set (a worker must not launch workers itself).
    static bool isSetInProcessEnvironment();
};

}  // namespace actbert::train
