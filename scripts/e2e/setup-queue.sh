#!/usr/bin/env bash
# Installs, when missing, what n8n's queue mode needs beside n8n itself (which setup-n8n.sh installs): Redis and
# PostgreSQL from Debian's packages. The tests start both as processes of their own on loopback ports (never the
# system services), so nothing else is configured here. Needs root (or sudo) and apt on first use; later runs find both
# and finish at once.
set -euo pipefail
step() { printf '[queue setup] %s\n' "$*"; }

pg_bin() {
  # Debian keeps the server binaries in /usr/lib/postgresql/<major>/bin; take the newest one installed.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}
have_redis() { command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }
have_pg() { local bin; bin="$(pg_bin)"; [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/postgres" ] && command -v psql >/dev/null && id postgres >/dev/null 2>&1; }

if have_redis && have_pg; then
  step "ready: $(redis-server --version | cut -d' ' -f1-3), PostgreSQL in $(pg_bin)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "[queue setup] redis-server and postgresql are needed: install them, or run as root" >&2; exit 1; }
  SUDO="sudo"
fi
command -v apt-get >/dev/null || { echo "[queue setup] apt-get not found: install redis-server and postgresql with your package manager" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
packages=()
have_redis || packages+=(redis-server)
have_pg || packages+=(postgresql)
step "installing ${packages[*]} from Debian's packages..."
$SUDO apt-get update -qq
# The system services are not used (and apt's policy here usually refuses to start them): the tests run their own.
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
have_redis && have_pg || { echo "[queue setup] the install finished but redis-server or PostgreSQL is still missing" >&2; exit 1; }
step "ready: $(redis-server --version | cut -d' ' -f1-3), PostgreSQL in $(pg_bin)"
