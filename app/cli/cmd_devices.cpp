// actbert devices: what the wizards' device list shows, for scripts.

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_support.h"
#include "models/common/device.h"

namespace actbert::cli {
namespace {

int runDevices(const CliArguments&) {
    for (const auto& device : models::availableDevices()) {
        printLine(device.spec + "\t" + device.name);
    }
    return kExitOk;
}

}  // namespace

const CliCommand& devicesCommand() {
    static const CliCommand command{
        .name = "devices",
        .summary = "List the devices (CPU, CUDA GPUs) models can run on",
        .usage = "devices",
        .run = runDevices,
    };
    return command;
}

}  // namespace actbert::cli
