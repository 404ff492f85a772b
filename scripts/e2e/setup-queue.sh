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

# shellcheck source=../lib/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"
packages=()
have_redis || packages+=(redis-server)
have_pg || packages+=(postgresql)
apt_install "queue setup" "${packages[@]}"
have_redis && have_pg || { echo "[queue setup] the install finished but redis-server or PostgreSQL is still missing" >&2; exit 1; }
step "ready: $(redis-server --version | cut -d' ' -f1-3), PostgreSQL in $(pg_bin)"
