import os from 'node:os'
import type { FlowResult } from './anchor.ts'
import type { StageFigures } from './context.ts'
import type { CpuFigures } from './cpu.ts'
import type { ProvisionResult } from './provisioning.ts'

type Measured<T> = T & { cpu?: CpuFigures }

export interface BenchResults {
  at: string
  concurrency: number
  /** Arrival rate of the steady run, per second. */
  rate: number
  spaces: number
  anchor: Measured<FlowResult>
  burst: Measured<ProvisionResult>
  steady: ProvisionResult
  /** One approval at a time. */
  single: ProvisionResult
  /** 1-minute load average before and after the timed runs: the machine is shared. */
  loadAverage: number[]
  upgrade: StageFigures | null
  redis: { usedMemory: number; usedMemoryPeak: number; keys: number }
}

const MB = 1024 ** 2
const cpus = os.cpus().length
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED')
const times = (ours: number, floor: number) => `${(ours / floor).toFixed(1)}×`
const cpuOf = (f: Measured<FlowResult>) =>
  f.cpu ? `cpu/item: node ${f.cpu.processMsPerItem.toFixed(2)} ms, redis ${f.cpu.redisMsPerItem.toFixed(2)} ms` : ''

/** The figures as text, with the issue's targets checked. */
export function report(r: BenchResults): string {
  const row = (name: string, f: FlowResult, extra = '') =>
    `${name.padEnd(34)} ${String(f.count).padStart(5)} ${s(f.totalMs).padStart(9)} ${f.perSecond.toFixed(1).padStart(8)} ${String(Math.round(f.p50)).padStart(8)} ${String(Math.round(f.p95)).padStart(8)}  ${extra}`
  const lines = [
    `provisioner bench — ${r.at} — worker concurrency ${r.concurrency}, one process, own redis-server (AOF everysec)`,
    `load average (1 min) before/after the timed runs: ${r.loadAverage.map((l) => l.toFixed(1)).join(' / ')} on ${cpus} cores`,
    `${'run'.padEnd(34)} ${'n'.padStart(5)} ${'total'.padStart(9)} ${'spaces/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}  (latency: approval → ready)`,
    row(`anchor: BullMQ no-op flow, ${r.anchor.count} at once`, r.anchor, cpuOf(r.anchor)),
    row('provisioning, all approved at once', r.burst, `mails done ${s(r.burst.mailsDoneMs)}; ${cpuOf(r.burst)}`),
    row(`provisioning, ${r.rate}/s arrivals`, r.steady, `mails done ${s(r.steady.mailsDoneMs)}`),
    // No CPU figure here: the driver's polling between approvals would dominate it.
    row('provisioning, one at a time', r.single),
    '',
    // A burst queues behind itself whatever the work: the anchor's own p50/p95 is the floor on this machine.
    `burst of ${r.burst.count}, approval → ready: ours p50 ${Math.round(r.burst.p50)} ms / p95 ${Math.round(r.burst.p95)} ms; ` +
      `anchor (no work, same queue shape) p50 ${Math.round(r.anchor.p50)} ms / p95 ${Math.round(r.anchor.p95)} ms; ` +
      `ours = ${times(r.burst.p50, r.anchor.p50)} / ${times(r.burst.p95, r.anchor.p95)} the anchor's`,
    `throughput vs anchor: ${(r.burst.perSecond / r.anchor.perSecond).toFixed(3)} (${r.burst.perSecond.toFixed(1)} / ${r.anchor.perSecond.toFixed(1)} per s)`,
    `target ${r.burst.count} spaces ≤ 2 min: ${s(r.burst.totalMs)} ${mark(r.burst.totalMs <= 120_000)}`,
    `target ${r.steady.count} approvals at ${r.rate}/s, all ready ≤ 2 min with p50 ≤ 500 ms: ${s(r.steady.totalMs)}, p50 ${Math.round(r.steady.p50)} ms ${mark(r.steady.totalMs <= 120_000 && r.steady.p50 <= 500)}`,
    `target p50 ≤ 500 ms: burst ${Math.round(r.burst.p50)} ms ${mark(r.burst.p50 <= 500)}; at ${r.rate}/s ${Math.round(r.steady.p50)} ms ${mark(r.steady.p50 <= 500)}; one at a time ${Math.round(r.single.p50)} ms ${mark(r.single.p50 <= 500)}`,
    `redis used_memory after the run: ${(r.redis.usedMemory / MB).toFixed(1)} MB (peak ${(r.redis.usedMemoryPeak / MB).toFixed(1)} MB, ${r.redis.keys} keys) — target ≤ 64 MB ${mark(r.redis.usedMemory <= 64 * MB)}`,
    `spaces in the registry: ${r.spaces}`,
  ]
  if (r.upgrade) lines.push(`fleet upgrade: ${Object.entries(r.upgrade).map(([k, v]) => `${k}=${v}`).join(', ')}`)
  return lines.join('\n')
}
