// actbert devices: what the wizards' device list shows, for scripts.

#include "app/cli/cli_support.h"
#include "models/common/device.h"

namespace actbert::cli {

int runDevices(const QStringList& arguments) {
    QCommandLineParser parser;
    if (!parseCommandLine(parser, arguments, QStringLiteral("devices"))) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    for (const auto& device : models::availableDevices()) {
        printLine(device.spec + "\t" + device.name);
    }
    return kExitOk;
}

}  // namespace actbert::cli
