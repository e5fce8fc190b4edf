#!/usr/bin/env bash
# Installs what `npm start` (and, with --test, `npm test`) needs and is missing, then builds the UI
# if its sources changed. Idempotent, and quick when everything is already there.
#   bash scripts/setup.sh          npm packages, redis-server (unless REDIS_URL is set), UI build
#   bash scripts/setup.sh --test   the same, plus the Debian packages the tests use
#   bash scripts/setup.sh --bench  the same as start, plus apache2 and radicale for bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

mode=start
case "${1:-}" in
  --test) mode=test ;;
  --bench) mode=bench ;;
  "") ;;
  *) echo "usage: bash scripts/setup.sh [--test|--bench]" >&2; exit 2 ;;
esac

say() { echo "[setup] $*"; }
fail() { echo "[setup] ERROR: $*" >&2; exit 1; }

# --- Node -------------------------------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is required (found: $(node -v 2>/dev/null || echo none))."

# --- Debian packages --------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
apt_updated=0

# Installs the given Debian packages that are missing; without root (or passwordless sudo),
# stops with the exact command to run.
apt_install() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      fail "missing Debian packages: ${missing[*]}. Install them with:
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}
then run this command again."
    fi
  fi
  say "installing Debian packages: ${missing[*]}"
  if [ "$apt_updated" = 0 ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

debs=()
if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null; then debs+=(redis-server); fi
if [ "$mode" = test ]; then debs+=(chromium litmus poppler-utils vdirsyncer python3-caldav radicale redis-server); fi
if [ "$mode" = bench ]; then debs+=(apache2 apache2-utils radicale); fi
if [ ${#debs[@]} -gt 0 ]; then apt_install "${debs[@]}"; fi

# --- npm packages -----------------------------------------------------------------------------
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
marker=node_modules/.maison-lock-hash
if [ ! -d node_modules ] || [ "$(cat "$marker" 2>/dev/null)" != "$lock_hash" ]; then
  # A tree installed before this marker existed (or by `npm install`, which rewrites npm's own
  # hidden lockfile) is current when that hidden lockfile is not older than package-lock.json.
  if [ -d node_modules ] && [ ! -f "$marker" ] && [ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "node_modules is up to date"
  else
    say "installing npm packages (npm ci)"
    # Several people may share this tree; serialise installs.
    if command -v flock >/dev/null; then
      flock /tmp/npm.lock npm ci --no-audit --no-fund
    else
      npm ci --no-audit --no-fund
    fi
  fi
  echo "$lock_hash" > "$marker"
fi

# --- UI ---------------------------------------------------------------------------------------
if [ -f scripts/build-ui.sh ]; then
  ui_hash=$( {
    # UI sources: every app's src/ui, the shared UI packages, translations, any .vue file.
    find apps packages -path '*/node_modules' -prune -o -type f \( -path '*/src/ui/*' -o -path 'packages/ui-*' -o -path '*/l10n/*' -o -name '*.vue' \) -print 2>/dev/null
    ls vite.config.* scripts/build-ui.sh package-lock.json 2>/dev/null
  } | LC_ALL=C sort -u | tr '\n' '\0' | xargs -0 -r sha256sum | sha256sum | cut -d' ' -f1)
  ui_marker=node_modules/.maison-ui-hash
  ui_failed=node_modules/.maison-ui-build-failed
  if [ "$(cat "$ui_marker" 2>/dev/null)" != "$ui_hash" ] || [ ! -d dist/ui ]; then
    say "building the UI (npm run build:ui)"
    if npm run --silent build:ui; then
      echo "$ui_hash" > "$ui_marker"
      rm -f "$ui_failed"
    elif [ "$mode" = test ]; then
      # Let the suite run anyway: scripts/test.sh counts this as a failure in its summary line.
      echo "npm run build:ui failed" > "$ui_failed"
      echo "[setup] WARNING: the UI build failed; the tests run without a fresh UI" >&2
    else
      fail "the UI build failed (npm run build:ui)"
    fi
  fi
fi

say "ready"
