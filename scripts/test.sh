#!/usr/bin/env bash
# Type check, then Vitest over the whole repository. The last line is the one CI reads:
#   tests: N passed, N failed, N skipped
# A failed type check, a failed UI build, a test file that cannot load and an unhandled error each count as one failure,
# so the line never says "0 failed" while something is broken.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(mktemp "${TMPDIR:-/tmp}/maison-vitest-XXXXXX.json")
trap 'rm -f "$report"' EXIT

echo "== type check (npm run check: tsc and vue-tsc of every app's UI)"
if npm run -s check; then
  typecheck_failed=0
  echo "type check: ok"
else
  typecheck_failed=1
  echo "type check: FAILED"
fi

ui_failed=0
if [ -f node_modules/.maison-ui-build-failed ]; then
  ui_failed=1
  echo "ui build: FAILED (see the output of scripts/setup.sh --test)"
fi

echo "== tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
vitest_rc=$?

node - "$report" "$typecheck_failed" "$vitest_rc" "$ui_failed" <<'NODE'
const fs = require('node:fs')
const [file, typecheckFailed, vitestRc, uiFailed] = process.argv.slice(2)
let r = null
try {
  r = JSON.parse(fs.readFileSync(file, 'utf8'))
} catch {
  // Vitest crashed before writing its report.
}
let passed = 0, failed = 0, skipped = 0
if (r) {
  passed = r.numPassedTests ?? 0
  failed = r.numFailedTests ?? 0
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  )
  for (const f of brokenFiles) console.log(`failed to run: ${f.name}${f.message ? ` (${f.message.split('\n')[0]})` : ''}`)
  failed += brokenFiles.length
}
if (typecheckFailed === '1') failed += 1
if (uiFailed === '1') failed += 1
// Unhandled errors make Vitest exit non-zero without failing any test.
if (vitestRc !== '0' && failed === 0) {
  console.log(`vitest exited with code ${vitestRc} without a failed test (unhandled error or no test found)`)
  failed += 1
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
NODE
