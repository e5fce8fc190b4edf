#!/usr/bin/env bash
# `npm run bench`: the DAV benchmark, Maison against Apache 2 + mod_dav on loopback.
# Extra arguments go to the driver, e.g. `npm run bench -- --quick` (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --bench
exec npx tsx bench/dav/bench.ts "$@"
