#pragma once
// The options many commands share, each with one help text, and the helpers that read them:
// --device, --seed, --threads and --out mean the same in every command that takes them.

#include <cstdint>
#include <string>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_command.h"

namespace actbert::cli {

// --device DEVICE: cpu, cuda, cuda:N or auto.
CliOption deviceOption(std::string default_value = "cpu");
// --seed N: a non-negative integer seeding every random choice of the command.
CliOption seedOption(std::string default_value = "0");
// --threads N: CPU threads for tensor work (at least 1; default: LibTorch's choice).
CliOption threadsOption();
// --out VALUE_NAME: where the command writes its result; VALUE_NAME says what it is (FILE, DIR,
// CKPT, vocab.txt) and the command's usage and description say the rest.
CliOption outOption(std::string value_name);

// --wordnet DIR: the WordNet dictionary folder (verbs, actions).
CliOption wordnetOption();

// The --device text after a syntax check (UsageError for "gpu" or "cuda:x"). Whether the
// device exists is a runtime question for models::parseDevice (exit status 1 when absent).
std::string deviceSpec(const CliArguments& arguments);
// --seed's value; also seeds LibTorch's generators.
std::uint64_t applySeed(const CliArguments& arguments);
// Applies --threads when given (commands without it never call this).
void applyThreads(const CliArguments& arguments);

}  // namespace actbert::cli
