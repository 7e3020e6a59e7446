#!/usr/bin/env bash
# Installs what the project needs, builds everything (release preset), generates a small
# synthetic narrated instructional video (no downloads) and opens it in the studio.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release
demo_dir="${XDG_CACHE_HOME:-$HOME/.cache}/actbert-studio/demo"
exec build/release/app/studio/actbert-studio --demo "$demo_dir" "$@"
