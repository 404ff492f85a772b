#!/usr/bin/env bash
# Installs, when missing, the headless browser `npm run screenshots` drives: Chromium from Debian's packages
# (/usr/bin/chromium). Needs root (or sudo) and apt on first use; later runs find it and finish at once.
set -euo pipefail
step() { printf '[screenshots setup] %s\n' "$*"; }

if [ -x /usr/bin/chromium ]; then
  step "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi

# shellcheck source=../lib/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"
apt_install "screenshots setup" chromium fonts-liberation
[ -x /usr/bin/chromium ] || { echo "[screenshots setup] the install finished but /usr/bin/chromium is missing" >&2; exit 1; }
step "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
