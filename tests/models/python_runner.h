#pragma once
// Runs an independent reference written in Python with Debian's interpreter (/usr/bin/python3,
// which has python3-torch and python3-numpy), never the first python3 on PATH.
// Threading: blocking; call from the test's thread.

#include <QStringList>

#include <string>
#include <vector>

namespace actbert::tests {

struct PythonResult {
    int exit_code = -1;  // -1 when the interpreter could not be started or timed out
    std::string output;  // stdout and stderr together, for failure messages
};

PythonResult runPython(const std::string& script, const std::vector<std::string>& arguments,
                       int timeout_ms = 120000);

}  // namespace actbert::tests
