#!/usr/bin/env bash
# Installs the Debian packages the print station needs to build and test,
# skipping those already installed. Needs root or sudo only when something
# is missing.
set -euo pipefail

packages=(
  gcc pkg-config           # cgo, for Fyne and gousb
  libgl1-mesa-dev xorg-dev # Fyne's OpenGL driver
  libusb-1.0-0-dev         # USB printers through gousb
  fonts-noto-cjk           # Chinese text in the window and the label previews
  xvfb                     # the window's smoke test without a display
  zbar-tools               # zbarimg decodes the barcodes of label previews in tests
  imagemagick              # screenshots of the window under Xvfb
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null; then
  if [ -x /usr/local/go/bin/go ]; then
    echo "Go is in /usr/local/go/bin but not on PATH: export PATH=\$PATH:/usr/local/go/bin" >&2
  else
    echo "Go 1.26 or newer is required: install it from the Go project's release archive into /usr/local/go" >&2
  fi
  exit 1
fi
