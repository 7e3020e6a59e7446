#!/usr/bin/env bash
# Installs every Debian 12 package ActBERT Studio needs to build, run, test and benchmark.
# Idempotent: packages already present are skipped by apt. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format-14
  # packaging: icons rendered from SVG, man pages from --help, package checks
  librsvg2-bin help2man lintian appstream
  # LibTorch (CPU) and a fast BLAS: without libopenblas0-openmp LibTorch falls back to
  # the reference BLAS and matrix products run ~25x slower.
  libtorch-dev libopenblas0-openmp
  # Qt 6: Widgets, Multimedia, Charts, Linguist tools, Qt Test
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-charts-dev libqt6opengl6-dev
  libxkbcommon-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6
  qt6-qpa-plugins
  # video, vision, storage, text
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libavfilter-dev ffmpeg
  libopencv-dev
  libsqlite3-dev sqlite3
  libicu-dev wordnet-base nlohmann-json3-dev libstemmer-dev
  # distributed training (c10d Gloo headers) and vector search
  libgloo-dev libfaiss-dev
  espeak-ng libespeak-ng-dev
  # headless GUI tests, a real (null) audio output, screenshots
  xvfb xauth pulseaudio pulseaudio-utils
  # independent references used only by tests (Debian's python3, never the product)
  python3 python3-torch python3-numpy python3-opencv python3-nltk
  opencv-doc  # real footage (vtest.avi) for the detector tests
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -q
as_root apt-get install -y -q --no-install-recommends "${packages[@]}"
