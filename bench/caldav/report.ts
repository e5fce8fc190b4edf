import { ratios, resultTable, type OpResult, type Ratio } from '../dav/stats.ts'
import type { CalParams } from './scenarios.ts'

/** The issue's target for every ratio ours/Radicale. */
export const RATIO_LIMIT = 0.5
const QUERY_P95_MS = 150
const SYNC_P95_MS = 30

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

/** The printed report: results, ratios ours/peer, and the absolute checks; returns the checks too. */
export function calReport(results: readonly OpResult[], ours: string | undefined, peer: string | undefined, p: CalParams): { text: string; checks: string[]; ratios: Ratio[] } {
  const parts = [resultTable(results)]
  const checks: string[] = []
  let rs: Ratio[] = []
  if (ours && peer) {
    rs = ratios(results, ours, peer, RATIO_LIMIT)
    const head = `${pad(`operation (${ours}/${peer})`, 34)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('wall', 7)}  target ≤ ${RATIO_LIMIT}`
    parts.push([head, ...rs.map((r) => `${pad(r.op, 34)} ${lpad(r.p50.toFixed(2), 7)} ${lpad(r.p95.toFixed(2), 7)} ${lpad(r.wall.toFixed(2), 7)}  ${r.ok ? 'PASS' : 'FAIL'}`)].join('\n'))
    checks.push(`${ours}: every ratio ${ours}/${peer} ≤ ${RATIO_LIMIT}: ${rs.every((r) => r.ok) ? 'PASS' : 'FAIL'}`)
    const a = results.find((r) => r.target === ours && r.op === 'calendar-query one month')?.notes?.matchesPerMonth
    const b = results.find((r) => r.target === peer && r.op === 'calendar-query one month')?.notes?.matchesPerMonth
    if (a !== undefined && b !== undefined) checks.push(`${ours}: one-month queries matched as many objects as ${peer} in every month: ${a === b ? 'yes' : `NO (${ours} ${a} / ${peer} ${b})`}`)
  }
  if (ours) {
    const size = p.events !== 10_000 ? ` (${p.events} events, not the 10,000 of the target)` : ''
    const q = results.find((r) => r.target === ours && r.op === 'calendar-query one month')
    if (q) checks.push(`${ours}: one-month calendar-query over ${p.events} events p95 ${q.p95.toFixed(1)} ms ≤ ${QUERY_P95_MS} ms: ${q.p95 <= QUERY_P95_MS ? 'PASS' : 'FAIL'}${size}`)
    const s = results.find((r) => r.target === ours && r.op === 'sync-collection after 10 changes')
    if (s) checks.push(`${ours}: sync-collection after 10 changes p95 ${s.p95.toFixed(1)} ms ≤ ${SYNC_P95_MS} ms: ${s.p95 <= SYNC_P95_MS ? 'PASS' : 'FAIL'}${size}`)
  }
  parts.push(checks.join('\n'))
  return { text: parts.filter(Boolean).join('\n\n'), checks, ratios: rs }
}
