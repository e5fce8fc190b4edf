#!/usr/bin/env bash
# `npm run bench`: the DAV benchmark (Maison against Apache 2 + mod_dav), the CalDAV benchmark
# (Maison against Radicale), both on loopback, the provisioner benchmark (1,000 spaces against a BullMQ
# no-op flow of the same shape), then the visuals and members ones. A first argument naming one runs only it:
#   npm run bench                                  all of them, full size
#   npm run bench -- --quick                       all of them, small sizes
#   npm run bench -- caldav [--quick]              the CalDAV one alone
#   npm run bench -- provisioner [--upgrade]       the provisioner one alone (bench/provisioner/README.md)
#   npm run bench -- visuals [--quick]             our renderer against headless Chromium (bench/visuals/README.md)
#   npm run bench -- members [--quick]             10,000 members: import, list/search, reminders (bench/README.md)
# Other arguments go to the driver(s) (see bench/README.md); with several, give only options all know
# (--quick, --no-ours).
set -euo pipefail
cd "$(dirname "$0")/.."

which=all
case "${1:-}" in
  dav|caldav|provisioner|visuals|members|events) which=$1; shift ;;
esac

bash scripts/setup.sh --bench
if { [ "$which" = all ] || [ "$which" = caldav ]; } && ! /usr/bin/python3 -c 'import radicale' 2>/dev/null; then
  echo "bench: Radicale is missing; install the Debian package: sudo apt-get install -y radicale" >&2
  exit 1
fi

if [ "$which" = all ] || [ "$which" = dav ]; then npx tsx bench/dav/bench.ts "$@"; fi
if [ "$which" = all ] || [ "$which" = caldav ]; then npx tsx bench/caldav/bench.ts "$@"; fi
if [ "$which" = all ] || [ "$which" = provisioner ]; then npx tsx bench/provisioner/bench.ts "$@"; fi
# Visuals: our renderer against headless Chromium on the same SVGs (bench/visuals/bench.ts).
if [ "$which" = all ] || [ "$which" = visuals ]; then npx tsx bench/visuals/bench.ts "$@"; fi
# Members: import, list and search, reminder run of 10,000 members against bare SQLite and BullMQ anchors.
if [ "$which" = all ] || [ "$which" = members ]; then npx tsx bench/members/bench.ts "$@"; fi
# Events: 1,000 upcoming events: event page and tag feed against static, .ics feed against bare ical-generator, sign-ups/s.
if [ "$which" = all ] || [ "$which" = events ]; then npx tsx bench/events/bench.ts "$@"; fi
