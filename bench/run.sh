#!/usr/bin/env bash
# `npm run bench`: the DAV benchmark (Maison against Apache 2 + mod_dav), then the CalDAV benchmark
# (Maison against Radicale), both on loopback. A first argument `dav` or `caldav` runs only that one:
#   npm run bench                      both, full size
#   npm run bench -- --quick           both, small sizes
#   npm run bench -- caldav [--quick]  the CalDAV one alone
# Other arguments go to the driver(s) (see bench/README.md); with both, give only options both know
# (--quick, --no-ours).
set -euo pipefail
cd "$(dirname "$0")/.."

which=all
case "${1:-}" in
  dav|caldav) which=$1; shift ;;
esac

bash scripts/setup.sh --bench
if [ "$which" != dav ] && ! /usr/bin/python3 -c 'import radicale' 2>/dev/null; then
  echo "bench: Radicale is missing; install the Debian package: sudo apt-get install -y radicale" >&2
  exit 1
fi

if [ "$which" != caldav ]; then npx tsx bench/dav/bench.ts "$@"; fi
if [ "$which" != dav ]; then npx tsx bench/caldav/bench.ts "$@"; fi
