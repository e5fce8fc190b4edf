/**
 * CalDAV benchmark: the same operations, with the same client and data, against Radicale and Maison.
 *   npx tsx bench/caldav/bench.ts [--quick] [--no-radicale] [--no-ours] [--radicale-fsync]
 *       [--puts N] [--events N] [--runs N] [--poll N]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { DavClient } from '../dav/client.ts'
import { oursAvailable, startOurs } from '../dav/ours.ts'
import { cpuMsOfTree } from '../dav/rss.ts'
import type { OpResult } from '../dav/stats.ts'
import { calendarEvents, type CalEvent } from './data.ts'
import { startRadicale } from './radicale.ts'
import { calReport } from './report.ts'
import { FULL, mkcalendar, multiget, pollDepth0, putEvents, queryMonths, QUICK, syncAfterChanges, type CalParams } from './scenarios.ts'

const WORK = fileURLToPath(new URL('../.work/', import.meta.url))

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-radicale': { type: 'boolean', default: false },
    'no-ours': { type: 'boolean', default: false },
    'radicale-fsync': { type: 'boolean', default: false },
    puts: { type: 'string' },
    events: { type: 'string' },
    runs: { type: 'string' },
    poll: { type: 'string' },
  },
})

function params(): CalParams {
  const p = { ...(args.quick ? QUICK : FULL) }
  const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v))
  p.puts = num(args.puts, p.puts)
  p.events = num(args.events, p.events)
  p.queryRuns = num(args.runs, p.queryRuns)
  p.syncRuns = num(args.runs, p.syncRuns)
  p.multigets = num(args.runs, p.multigets)
  p.poll = num(args.poll, p.poll)
  return p
}

/** A server under test and how the large calendar gets into it. */
interface CalTarget {
  client: DavClient
  /** Loads the large calendar `rel`; a timed PUT run, or null when written straight into storage. */
  load(rel: string, events: readonly CalEvent[]): Promise<OpResult | null>
}

async function main(): Promise<void> {
  const p = params()
  const work = path.join(WORK, 'caldav')
  fs.mkdirSync(work, { recursive: true })
  const stops: (() => Promise<void>)[] = []
  const targets: CalTarget[] = []
  const sockets = Math.max(p.putConcurrency, p.pollConcurrency)
  try {
    if (!args['no-radicale']) {
      const radicale = await startRadicale(work, { fsync: args['radicale-fsync'] })
      stops.push(radicale.stop)
      const client = new DavClient(radicale.target, sockets)
      targets.push({
        client,
        // Radicale checks every PUT against the whole collection, so 10,000 PUTs would take an hour:
        // like the differential test, the files go straight into its plain-file storage.
        async load(rel, events) {
          await mkcalendar(client, rel)
          const dir = path.join(radicale.collectionRoot, radicale.target.user, rel)
          for (const e of events) fs.writeFileSync(path.join(dir, e.href), e.text)
          return null
        },
      })
    }
    if (!args['no-ours']) {
      if (!oursAvailable()) throw new Error('apps/workspace/src/server.ts is missing')
      // One web process, like Radicale's one Python process; with two, concurrent calendar PUTs can
      // answer 500 today (deferred SQLite transactions in the calendars repository; see bench/README.md).
      process.env.BENCH_WEB_CONCURRENCY ??= '1'
      const ours = await startOurs(work)
      stops.push(ours.stop)
      const target = { ...ours.target, url: ours.target.url.replace('/remote.php/dav/files/', '/remote.php/dav/calendars/') }
      const client = new DavClient(target, sockets)
      targets.push({
        client,
        async load(rel, events) {
          await mkcalendar(client, rel)
          return putEvents(client, rel, events, p.putConcurrency, `load ${events.length} events (PUT)`)
        },
      })
    }
    if (targets.length === 0) throw new Error('no target to benchmark')
    console.log(`targets: ${targets.map(({ client: { target: t } }) => `${t.name} ${t.url}${t.setup ? ` [${t.setup}]` : ''}`).join(', ')}`)
    console.log(`params: ${JSON.stringify(p)}`)
    const results = await runAll(targets, p)
    for (const t of targets) t.client.close()
    save(results, targets, p)
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error(err))
  }
}

/**
 * With BENCH_SERVER_LOG (e.g. with BENCH_SERVER_NODE_ARGS=--trace-gc), a line between operations, so
 * that the server's GC lines can be read per operation (pipes may shift them by a few lines).
 */
function mark(what: string): void {
  if (process.env.BENCH_SERVER_LOG) fs.appendFileSync(process.env.BENCH_SERVER_LOG, `=== ${new Date().toISOString()} ${what}\n`)
}

async function runAll(targets: CalTarget[], p: CalParams): Promise<OpResult[]> {
  const results: OpResult[] = []
  // Each operation runs on every target in turn, so drift on the machine hits both alike.
  const each = async (fn: (t: CalTarget) => Promise<OpResult | null>): Promise<void> => {
    for (const t of targets) {
      const pid = t.client.target.pid
      const cpuBefore = pid ? cpuMsOfTree(pid) : 0
      mark(`${t.client.target.name} start`)
      const r = await fn(t)
      mark(`${t.client.target.name} end${r ? `: ${r.op}` : ''}`)
      if (!r) continue
      // Server CPU per request: less swayed by other load on the machine than latency is.
      if (pid) r.cpuMsPerOp = (cpuMsOfTree(pid) - cpuBefore) / r.count
      results.push(r)
      console.log(`  ${r.target}: ${r.op}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${(r.wallMs / 1000).toFixed(2)} s${r.notes ? ' ' + JSON.stringify(r.notes) : ''}`)
    }
  }
  const puts = calendarEvents(p.puts, { seed: 11, prefix: 'put' })
  const big = calendarEvents(p.events)
  await each(async ({ client }) => {
    await mkcalendar(client, 'puts/')
    return putEvents(client, 'puts/', puts, p.putConcurrency)
  })
  await each(async (t) => {
    const start = performance.now()
    const r = await t.load('big/', big)
    if (!r) console.log(`  ${t.client.target.name}: ${big.length} events written straight into its storage in ${((performance.now() - start) / 1000).toFixed(1)} s (not timed as an operation)`)
    return r
  })
  await each(({ client }) => queryMonths(client, 'big/', p.queryRuns))
  await each(({ client }) => syncAfterChanges(client, 'big/', p.syncRuns))
  await each(({ client }) => multiget(client, 'big/', big, p.multigets, p.multigetSize))
  await each(({ client }) => pollDepth0(client, 'puts/', p.poll, p.pollConcurrency, `PROPFIND Depth 0 poll, ${p.puts} ev`))
  return results
}

function save(results: OpResult[], targets: CalTarget[], p: CalParams): void {
  const names = targets.map((t) => t.client.target.name)
  const report = calReport(results, names.find((n) => n === 'ours'), names.find((n) => n === 'radicale'), p)
  console.log('\n' + report.text)
  const file = path.join(WORK, `caldav-results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  const described = targets.map(({ client: { target: { name, url, setup } } }) => ({ name, url, setup }))
  const loading = names.includes('radicale') ? 'radicale: the large calendar was written straight into its storage; ours: loaded by PUT' : undefined
  fs.writeFileSync(file, JSON.stringify({ params: p, targets: described, loading, results, ratios: report.ratios, checks: report.checks }, null, 2))
  console.log(`\nresults saved to ${path.relative(process.cwd(), file)}`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err)
  process.exit(1)
})
