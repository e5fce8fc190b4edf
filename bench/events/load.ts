import http from 'node:http'
import { percentile } from '../dav/stats.ts'

export interface LoadResult {
  name: string
  requests: number
  wallMs: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  bytes: number
}

export interface LoadRequest {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}

/**
 * Sends `total` requests at a fixed concurrency over a keep-alive pool and times each; every answer must
 * have one of `expect`'s statuses. `make(i)` gives the i-th request, so bodies and headers can vary.
 */
export async function load(name: string, base: string, total: number, concurrency: number, make: (i: number) => LoadRequest, expect = [200]): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency })
  const latencies: number[] = []
  let bytes = 0
  let next = 0
  const one = (i: number): Promise<void> => {
    const r = make(i)
    const url = new URL(r.path, base)
    const start = performance.now()
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: r.method ?? 'GET', agent, headers: r.headers }, (res) => {
        res.on('data', (c: Buffer) => { bytes += c.length })
        res.on('end', () => {
          latencies.push(performance.now() - start)
          if (!expect.includes(res.statusCode ?? 0)) reject(new Error(`${name}: ${r.method ?? 'GET'} ${url.pathname} answered ${res.statusCode}`))
          else resolve()
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(r.body)
    })
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await one(next++)
  }))
  const wallMs = performance.now() - started
  agent.destroy()
  return {
    name, requests: total, wallMs, perSecond: (total / wallMs) * 1000, bytes,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
  }
}

/** A fixed-width table of load results. */
export function loadTable(results: readonly LoadResult[]): string {
  const rows = results.map((r) => [r.name, String(r.requests), r.perSecond.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), (r.bytes / r.requests / 1024).toFixed(1)])
  const head = ['operation', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'KB/answer']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(head), ...rows.map(line)].join('\n')
}
