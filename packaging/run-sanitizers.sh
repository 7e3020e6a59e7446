#!/usr/bin/env bash
# Builds the asan preset (AddressSanitizer + UndefinedBehaviorSanitizer) and runs the whole
# test suite under it. Outside CI's budget: the build takes about 25 minutes on two cores.
# Suppressions (third-party code only, each with its reason) live in tests/sanitizers/.
#   bash packaging/run-sanitizers.sh [--no-deps] [CTEST_ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--no-deps" ]; then
  shift
else
  bash packaging/install-deps.sh
fi
cmake --preset asan
cmake --build --preset asan
supp="$PWD/tests/sanitizers/lsan.supp"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0"
ctest --test-dir build/asan -j 2 --output-on-failure "$@"
