#!/usr/bin/env bash
# Installs the package built by build-deb.sh into a clean Debian 12 root (made by mmdebstrap
# from Debian's mirror, so Depends are resolved as on a user's machine) and runs the programs
# from there: `actbert --version`, `actbert probe` on a real video, and `actbert-studio
# --screenshot` under Xvfb. Needs root and the network to Debian's mirror.
#   bash packaging/test-deb.sh [DEB]
set -euo pipefail
cd "$(dirname "$0")/.."

deb=$(realpath "${1:-$(ls build/release/actbert-studio_*.deb)}")
video=$(realpath ../shared/data/videos/paddle_eivideo_example.mp4)
command -v mmdebstrap >/dev/null || apt-get install -y -q --no-install-recommends mmdebstrap
root=$(mktemp -d /tmp/actbert-deb-root.XXXXXX)
cleanup() { umount -R "$root/proc" 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT

# The package arrives as a local file; apt resolves everything it depends on from the mirror.
mmdebstrap --variant=apt --include="$deb,xvfb,xauth" bookworm "$root" \
  http://deb.debian.org/debian
cp "$video" "$root/tmp/video.mp4"
mount -t proc proc "$root/proc"
in_root() { chroot "$root" env -i PATH=/usr/bin:/bin HOME=/tmp LANG=C.UTF-8 "$@"; }

in_root dpkg -s actbert-studio | grep -E '^(Version|Depends):'
in_root actbert --version
in_root actbert probe /tmp/video.mp4
in_root xvfb-run -a actbert-studio --open /tmp/video.mp4 --screenshot /tmp/shot.png --quit
test -s "$root/tmp/shot.png"
cp "$root/tmp/shot.png" build/release/deb-screenshot.png
in_root man -w actbert >/dev/null 2>&1 || test -f "$root/usr/share/man/man1/actbert.1.gz"
echo "test-deb: installed $(basename "$deb") into a clean Debian 12 root; --version, probe and" \
     "a studio screenshot (build/release/deb-screenshot.png) all worked"
