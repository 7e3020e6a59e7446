#!/usr/bin/env bash
# Builds the Debian package of ActBERT Studio (release preset + CPack), then checks it the way
# Debian does: lintian must report no errors and appstreamcli must accept the metainfo.
#   bash packaging/build-deb.sh [--no-deps]     -> build/release/actbert-studio_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-deps" ]; then
  bash packaging/install-deps.sh
fi
cmake --preset release
cmake --build --preset release
rm -f build/release/actbert-studio_*.deb
(cd build/release && cpack -G DEB)
deb=$(ls build/release/actbert-studio_*.deb)

appstreamcli validate --no-net packaging/org.actbert.Studio.metainfo.xml
# Errors fail the build; warnings are printed for the packager to read.
lintian --fail-on error --no-tag-display-limit "$deb"
echo "package: $deb"
