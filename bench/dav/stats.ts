/** Nearest-rank percentile of a list of durations (ms). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export interface OpResult {
  op: string
  target: string
  count: number
  concurrency: number
  p50: number
  p95: number
  wallMs: number
  /** Bytes moved in request and response bodies. */
  bytes: number
  /** Server CPU (user + system of its process tree) per request, when its pid is known. */
  cpuMsPerOp?: number
  /** Extra figures, e.g. RSS growth during the transfer. */
  notes?: Record<string, number | string | number[]>
  /** Every request's latency (ms), kept so that rounds can be pooled; not saved with the results. */
  latencies?: number[]
}

/** Summarises one operation's latencies. */
export function summarize(op: string, target: string, concurrency: number, latencies: number[], wallMs: number, bytes: number): OpResult {
  return { op, target, count: latencies.length, concurrency, p50: percentile(latencies, 50), p95: percentile(latencies, 95), wallMs, bytes, latencies }
}

/**
 * Several rounds of one operation on one target as one result: percentiles over every request, wall time and
 * server CPU summed; each round's wall time kept in `notes.roundWallMs`.
 */
export function pooled(rounds: readonly OpResult[]): OpResult {
  const first = rounds[0]
  if (!first) throw new Error('pooled: no rounds')
  const latencies = rounds.flatMap((r) => r.latencies ?? [])
  const sum = (f: (r: OpResult) => number): number => rounds.reduce((n, r) => n + f(r), 0)
  const cpu = rounds.every((r) => r.cpuMsPerOp !== undefined) ? sum((r) => r.cpuMsPerOp! * r.count) / sum((r) => r.count) : undefined
  return {
    ...summarize(first.op, first.target, first.concurrency, latencies, sum((r) => r.wallMs), sum((r) => r.bytes)),
    ...(cpu === undefined ? {} : { cpuMsPerOp: cpu }),
    notes: { rounds: rounds.length, roundWallMs: rounds.map((r) => Math.round(r.wallMs)) },
  }
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s)
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-')

/** A plain-text table: one row per operation and target. */
export function resultTable(results: readonly OpResult[]): string {
  const head = [pad('operation', 34), pad('target', 8), lpad('n', 6), lpad('conc', 5), lpad('p50 ms', 9), lpad('p95 ms', 9), lpad('ops/s', 9), lpad('MB/s', 8), lpad('cpu ms/op', 10)]
  const rows = results.map((r) => [
    pad(r.op, 34), pad(r.target, 8), lpad(String(r.count), 6), lpad(String(r.concurrency), 5),
    lpad(fmt(r.p50), 9), lpad(fmt(r.p95), 9), lpad(fmt((r.count / r.wallMs) * 1000), 9),
    lpad(r.bytes ? fmt(r.bytes / 1024 ** 2 / (r.wallMs / 1000)) : '-', 8),
    lpad(r.cpuMsPerOp === undefined ? '-' : fmt(r.cpuMsPerOp, 2), 10),
  ])
  return [head, ...rows].map((cols) => cols.join(' ')).join('\n')
}

export interface Ratio {
  op: string
  p50: number
  p95: number
  wall: number
  ok: boolean
}

/** ours/peer for p50, p95 and wall time of each operation both targets ran; ok when all ≤ limit. */
export function ratios(results: readonly OpResult[], ours: string, peer: string, limit = 1.5): Ratio[] {
  const out: Ratio[] = []
  for (const a of results.filter((r) => r.target === ours)) {
    const b = results.find((r) => r.target === peer && r.op === a.op)
    if (!b) continue
    const r = { op: a.op, p50: a.p50 / b.p50, p95: a.p95 / b.p95, wall: a.wallMs / b.wallMs }
    out.push({ ...r, ok: r.p50 <= limit && r.p95 <= limit && r.wall <= limit })
  }
  return out
}

/** ours/peer wall time of each round, for operations run in rounds: shows the first (cold) round apart from the rest. */
export function roundTable(results: readonly OpResult[], ours: string, peer: string): string | null {
  const lines: string[] = []
  for (const a of results.filter((r) => r.target === ours)) {
    const b = results.find((r) => r.target === peer && r.op === a.op)
    const wa = a.notes?.roundWallMs
    const wb = b?.notes?.roundWallMs
    if (!Array.isArray(wa) || !Array.isArray(wb)) continue
    lines.push(`${pad(a.op, 34)} ${wa.map((w, i) => lpad(fmt(w / wb[i]!, 2), 6)).join(' ')}`)
  }
  return lines.length ? [`${pad(`wall per round (${ours}/${peer})`, 34)} first round first`, ...lines].join('\n') : null
}

/** The ratio table printed after the results. */
export function ratioTable(rs: readonly Ratio[], ours: string, peer: string): string {
  const head = `${pad(`operation (${ours}/${peer})`, 34)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('wall', 7)}  target ≤ 1.5`
  return [head, ...rs.map((r) => `${pad(r.op, 34)} ${lpad(fmt(r.p50, 2), 7)} ${lpad(fmt(r.p95, 2), 7)} ${lpad(fmt(r.wall, 2), 7)}  ${r.ok ? 'PASS' : 'FAIL'}`)].join('\n')
}
