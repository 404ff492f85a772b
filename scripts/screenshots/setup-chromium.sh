#!/usr/bin/env bash
# Installs, when missing, the headless browser `npm run screenshots` drives: Chromium from Debian's packages
# (/usr/bin/chromium). Needs root (or sudo) and apt on first use; later runs find it and finish at once.
set -euo pipefail
step() { printf '[screenshots setup] %s\n' "$*"; }

if [ -x /usr/bin/chromium ]; then
  step "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "[screenshots setup] chromium is needed: install it, or run as root" >&2; exit 1; }
  SUDO="sudo"
fi
command -v apt-get >/dev/null || { echo "[screenshots setup] apt-get not found: install chromium with your package manager" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
step "installing chromium from Debian's packages..."
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[ -x /usr/bin/chromium ] || { echo "[screenshots setup] the install finished but /usr/bin/chromium is missing" >&2; exit 1; }
step "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
