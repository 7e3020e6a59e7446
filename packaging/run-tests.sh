#!/usr/bin/env bash
# Installs what the project needs, builds everything (release preset) and runs the whole
# test suite with CTest. Used by README.md's second command and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release
# Two test processes at once: the machine has two cores and the heavy tests use one each.
ctest --preset release -j 2
