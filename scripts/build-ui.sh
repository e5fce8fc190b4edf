#!/usr/bin/env bash
# Builds every app's Vue front end into dist/ui (served by the workspace at /assets/).
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx vite build "$@"
