/**
 * DAV benchmark: the same operations, with the same client, against Apache 2 + mod_dav and Maison.
 *   npx tsx bench/dav/bench.ts [--quick] [--no-apache] [--no-ours]
 *       [--target name=URL,user=U,password=P[,pid=PID]]...  (any other DAV collection)
 *       [--files N] [--count N] [--big-mb N] [--concurrency N] [--poll N] [--rounds N] [--no-fsync-put] [--warm N] [--fs fresh|here]
 *       [--calibrate]  (Apache against a second Apache instead of Maison: how far apart two identical servers measure)
 * The 100 KB PUT and GET and the poll run in `--rounds` rounds (default 5), the targets' order alternating, pooled.
 * Maison runs with its default FILES_FSYNC=false (as Apache's mod_dav_fs: no fsync per upload); a second
 * Maison with FILES_FSYNC=true runs the 100 KB PUTs only, printed as target `fsync` (--no-fsync-put skips it).
 * The servers' trees live on a fresh loop-mounted ext4 made for the run (scratch-fs.ts; `--fs here`: the work folder).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { startApache } from './apache.ts'
import { DavClient, type Target } from './client.ts'
import { oursAvailable, startOurs } from './ours.ts'
import { cpuMsOfTree } from './rss.ts'
import { bigTransfer, FULL, getFiles, pollDepth0, prepare, propfindDepth1, putFiles, QUICK, runFolder, type BenchParams } from './scenarios.ts'
import { pooled, ratios, ratioTable, resultTable, roundTable, type OpResult } from './stats.ts'
import { scratchFs } from './scratch-fs.ts'
import { dropPageCache, freshenFreeMemory } from './free-memory.ts'

const WORK = fileURLToPath(new URL('../.work/', import.meta.url))
/**
 * Memory freshly freed before each target's turn (free-memory.ts): this much, plus twice what the phase writes
 * (the loop-mounted image is cached as well as the files).
 */
const PHASE_MB = 256
/** Phases writing this much start with the page cache dropped (free-memory.ts). */
const LARGE_WRITE_MB = 512
/** Name of the second Apache of `--calibrate`, measured against the first as Maison is. */
const CALIBRATION_TWIN = 'apache2'
/** Name of the Maison started with FILES_FSYNC=true for the PUT figure with an fsync per upload. */
const FSYNC_TARGET = 'fsync'

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-apache': { type: 'boolean', default: false },
    'no-ours': { type: 'boolean', default: false },
    target: { type: 'string', multiple: true, default: [] },
    files: { type: 'string' },
    count: { type: 'string' },
    'big-mb': { type: 'string' },
    concurrency: { type: 'string' },
    poll: { type: 'string' },
    'no-fsync-put': { type: 'boolean', default: false },
    warm: { type: 'string', default: '0' },
    rounds: { type: 'string' },
    calibrate: { type: 'boolean', default: false },
    fs: { type: 'string', default: 'fresh' },
  },
})

/** Parses `name=URL,user=U,password=P[,pid=PID]`. */
function parseTarget(spec: string): Target {
  const fields = Object.fromEntries(spec.split(',').map((kv) => {
    const i = kv.indexOf('=')
    return [kv.slice(0, i), kv.slice(i + 1)]
  }))
  const [name, url] = Object.entries(fields)[0] ?? []
  if (!name || !url || !fields.user || fields.password === undefined) throw new Error(`--target expects name=URL,user=U,password=P[,pid=PID], got ${spec}`)
  return { name, url, user: fields.user, password: fields.password, pid: fields.pid ? Number(fields.pid) : undefined }
}

function params(): BenchParams {
  const p = { ...(args.quick ? QUICK : FULL) }
  const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v))
  p.files = num(args.files, p.files)
  p.count = num(args.count, p.count)
  p.bigMb = num(args['big-mb'], p.bigMb)
  p.concurrency = num(args.concurrency, p.concurrency)
  p.pollRequests = num(args.poll, p.pollRequests)
  return p
}

async function main(): Promise<void> {
  const p = params()
  if (args.fs !== 'fresh' && args.fs !== 'here') throw new Error('--fs takes fresh or here')
  // Room for both 1 GB files (ours keeps its deleted one in the trash) and the rest; sparse, so free until written.
  const scratch = scratchFs(WORK, Math.ceil((2 * p.bigMb) / 1024) + 3, args.fs)
  const stops: (() => Promise<void>)[] = []
  const targets: Target[] = []
  let fsyncTarget: Target | undefined
  try {
    if (!args['no-apache']) {
      const apache = await startApache(scratch.dir)
      stops.push(apache.stop)
      targets.push(apache.target)
    }
    if (args.calibrate) {
      const twin = await startApache(scratch.dir, CALIBRATION_TWIN)
      stops.push(twin.stop)
      targets.push(twin.target)
    } else if (!args['no-ours']) {
      if (!oursAvailable()) console.log('ours: apps/workspace/src/server.ts does not exist yet; running without it')
      else {
        try {
          const ours = await startOurs(scratch.dir)
          stops.push(ours.stop)
          targets.push(ours.target)
          if (!args['no-fsync-put']) {
            const durable = await startOurs(scratch.dir, { name: FSYNC_TARGET, filesFsync: true })
            stops.push(durable.stop)
            fsyncTarget = durable.target
          }
        } catch (err) {
          console.log(`ours: could not start Maison, running without it:\n${(err as Error).message}`)
        }
      }
    }
    targets.push(...(args.target ?? []).map(parseTarget))
    if (targets.length === 0) throw new Error('no target to benchmark')
    console.log(`targets: ${[...targets, ...(fsyncTarget ? [fsyncTarget] : [])].map((t) => `${t.name} ${t.url}${t.setup ? ` [${t.setup}]` : ''}`).join(', ')}`)
    console.log(`params: ${JSON.stringify(p)}, trees on ${scratch.kind}; before each target's turn, ${PHASE_MB} MB plus twice what it writes freshly freed (free-memory.ts)`)

    const clients = targets.map((t) => new DavClient(t, Math.max(p.concurrency, p.pollConcurrency, 16)))
    const durable = fsyncTarget ? new DavClient(fsyncTarget, Math.max(p.concurrency, 16)) : undefined
    const run = runFolder()
    const writers = durable ? [...clients, durable] : clients
    const results: OpResult[] = []
    const roundCount = Number(args.rounds ?? (args.quick ? 2 : 5))
    if (!Number.isInteger(roundCount) || roundCount < 1) throw new Error('--rounds takes a whole number ≥ 1')
    // One target's turn at an operation, from the same state as every other turn.
    const turn = async (c: DavClient, fn: (c: DavClient) => Promise<OpResult | OpResult[]>, writesMb: number): Promise<OpResult[]> => {
      // The previous target's dirty pages (a 1 GB upload) would otherwise be written back during this one's run.
      execFileSync('sync')
      // Before a large write, the previous target's files leave the page cache too: its pages are the warm ones.
      if (writesMb >= LARGE_WRITE_MB) dropPageCache()
      freshenFreeMemory(PHASE_MB + 2 * writesMb)
      c.freshConnections()
      const pid = c.target.pid
      const cpuBefore = pid ? cpuMsOfTree(pid) : 0
      const ops = [await fn(c)].flat()
      // Server CPU per request: less swayed by other load on the machine than latency is.
      if (pid) for (const one of ops) one.cpuMsPerOp = (cpuMsOfTree(pid) - cpuBefore) / ops.reduce((n, o) => n + o.count, 0)
      for (const one of ops) {
        console.log(`  ${one.target}: ${one.op}: p50 ${one.p50.toFixed(1)} ms, p95 ${one.p95.toFixed(1)} ms, ${(one.wallMs / 1000).toFixed(2)} s${one.notes ? ' ' + JSON.stringify(one.notes) : ''}`)
      }
      return ops
    }
    // Each operation runs on every target in turn, so drift on the machine hits both alike.
    const each = async (fn: (c: DavClient) => Promise<OpResult | OpResult[]>, on: DavClient[] = clients, writesMb = 0): Promise<void> => {
      for (const c of on) results.push(...(await turn(c, fn, writesMb)))
    }
    // The short operations (a fraction of a second each) in rounds, the targets' order alternating: one round is
    // too short to tell two identical servers apart (--calibrate). Round i works in folder `${run}r${i}/`.
    const rounds = async (fn: (c: DavClient, folder: string) => Promise<OpResult>, on: DavClient[] = clients, writesMb = 0): Promise<void> => {
      const byTarget = new Map<DavClient, OpResult[]>(on.map((c) => [c, []]))
      for (let i = 0; i < roundCount; i++) {
        for (const c of i % 2 ? [...on].reverse() : on) byTarget.get(c)!.push(...(await turn(c, (c) => fn(c, `${run}r${i}/`), writesMb)))
      }
      for (const c of on) results.push(pooled(byTarget.get(c)!))
    }
    const warm = Number(args.warm)
    if (warm > 0) {
      // Opt-in: every target first serves `warm` uploads, downloads and polls of the measured kinds, unmeasured,
      // so each figure is the steady state rather than a server's first requests (Node's JIT compiles the hot
      // paths during them, on a background thread whose CPU the figure counts).
      const warmRun = run.replace(/\/$/, '-warm/')
      for (const c of writers) {
        await prepare(c, warmRun, { ...p, files: warm })
        await putFiles(c, warmRun, { ...p, count: warm })
        await getFiles(c, warmRun, { ...p, count: warm })
        await pollDepth0(c, warmRun, { ...p, pollRequests: warm * 4 })
        await propfindDepth1(c, warmRun, { ...p, files: warm, depth1Runs: 2 })
      }
      console.log(`warm-up: ${warm} small PUTs, ${warm} × PUT and GET of ${p.fileKb} KB, ${warm * 4} polls on every target (not measured)`)
    }
    await each((c) => prepare(c, run, p))
    await each((c) => propfindDepth1(c, run, p))
    if (durable) await durable.request('MKCOL', run, { expect: [201] })
    for (const c of writers) {
      for (let i = 0; i < roundCount; i++) for (const dir of [`${run}r${i}/`, `${run}r${i}/put/`]) await c.request('MKCOL', dir, { expect: [201] })
    }
    const putMb = (p.count * p.fileKb) / 1024
    await rounds((c, folder) => putFiles(c, folder, p), clients, putMb)
    await rounds((c, folder) => getFiles(c, folder, p))
    await rounds((c) => pollDepth0(c, run, p))
    await each((c) => bigTransfer(c, run, p), clients, p.bigMb)
    // The reference with an fsync per upload comes last: its checkpoints and write-back, which go on after its
    // turn, slowed the next target's uploads when it took its turns among theirs (100 KB PUT ratio 1.54-1.90
    // with it, 1.34-1.62 without).
    if (durable) await rounds((c, folder) => putFiles(c, folder, p), [durable], putMb)
    const resent = writers.filter((c) => c.resent > 0)
    if (resent.length) console.log(`sent again after the server closed the connection unanswered: ${resent.map((c) => `${c.target.name} ${c.resent}`).join(', ')}`)
    for (const c of writers) {
      await c.request('DELETE', run).catch(() => {})
      if (Number(args.warm) > 0) await c.request('DELETE', run.replace(/\/$/, '-warm/')).catch(() => {})
      c.close()
    }
    report(results, fsyncTarget ? [...targets, fsyncTarget] : targets, p, roundCount)
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error(err))
    scratch.release()
  }
}

function report(results: OpResult[], targets: Target[], p: BenchParams, roundCount: number): void {
  console.log('\n' + resultTable(results))
  const peer = 'apache'
  const checks: string[] = []
  for (const t of targets.filter((t) => t.name !== peer)) {
    if (targets.some((x) => x.name === peer)) {
      const rs = ratios(results, t.name, peer)
      console.log('\n' + ratioTable(rs, t.name, peer))
      const perRound = roundTable(results, t.name, peer)
      if (perRound && roundCount > 1) console.log('\n' + perRound)
      // The durable variant is for reference: the target is measured on the default configuration.
      if (t.name === FSYNC_TARGET) continue
      checks.push(`${t.name}: every ratio ${t.name}/${peer} ≤ 1.5: ${rs.every((r) => r.ok) ? 'PASS' : 'FAIL'}`)
    }
    const depth1 = results.find((r) => r.target === t.name && r.op.startsWith('PROPFIND Depth 1'))
    if (depth1) checks.push(`${t.name}: PROPFIND Depth 1 on ${p.files} files p95 ${depth1.p95.toFixed(0)} ms ≤ 500 ms: ${depth1.p95 <= 500 ? 'PASS' : 'FAIL'}${p.files !== 10_000 ? ' (not the 10,000-file size)' : ''}`)
    const growth = results.filter((r) => r.target === t.name && typeof r.notes?.rssGrowthMB === 'number').map((r) => r.notes!.rssGrowthMB as number)
    if (growth.length) {
      const max = Math.max(...growth)
      checks.push(`${t.name}: RSS growth during the ${p.bigMb} MB transfer ${max} MB ≤ 64 MB: ${max <= 64 ? 'PASS' : 'FAIL'}`)
    }
  }
  if (checks.length) console.log('\n' + checks.join('\n'))
  const file = path.join(WORK, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(file, JSON.stringify({ params: p, rounds: roundCount, targets: targets.map(({ name, url, setup }) => ({ name, url, setup })), results: results.map(({ latencies: _, ...r }) => r), checks }, null, 2))
  console.log(`\nresults saved to ${path.relative(process.cwd(), file)}`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
