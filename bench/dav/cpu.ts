/**
 * Server CPU per DAV request, for judging one change at a time on a shared machine: Maison alone (as the
 * DAV bench starts it), the bench's own 100 KB PUT, 100 KB GET and Depth 0 poll, each run in several
 * rounds, reporting the minimum and median CPU µs per request of the server's process tree.
 *   npx tsx bench/dav/cpu.ts [--rounds N] [--count N] [--poll N] [--only put,get,poll] [--files N] [--kb N] [--against DIR]
 * `--kb` sets the PUT size in KB (default 100; 0.125 for the populate's 128 B uploads).
 * `--against DIR` also starts the Maison of another checkout (e.g. the committed tree exported to /tmp) and
 * alternates the rounds between the two, so that both see the same load on the machine.
 * `--bundle-vs bundle|names` instead runs this tree twice, from its sources under tsx and from an esbuild bundle
 * (`names`: with keepNames), alternating as above; `--args-vs="--max-semi-space-size=32"` runs it twice, the second
 * with these Node options added. `--reverse` starts the second side first. BENCH_BUNDLE=1 runs every side from a bundle (see ours.ts).
 * The servers' trees live on a fresh loop-mounted ext4 made for the run, as in bench.ts (`--fs here`: the work folder,
 * where a PUT's system time swings with ext4's inode allocation on this VM; see inodes.ts). `user` is printed apart.
 * BENCH_WEB_CONCURRENCY=1 gives one web process (the steadiest figure); BENCH_SERVER_NODE_ARGS as for bench.ts.
 * BENCH_PERF=prefix records this tree's measured phases (one file each: prefix-put-r0, ...) with `perf record -e cpu-clock -g` (BENCH_PERF_EVENT=page-faults: every fault; on-CPU samples only, kernel
 * included, unlike --cpu-prof's wall-clock ones); add BENCH_SERVER_NODE_ARGS=--perf-basic-prof for JS names.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { DavClient } from './client.ts'
import { startOurs, type RunningOurs } from './ours.ts'
import { cpuSplitOfTree } from './rss.ts'
import { getFiles, pollDepth0, prepare, putFiles, runFolder, FULL, type BenchParams } from './scenarios.ts'
import { percentile, type OpResult } from './stats.ts'
import { scratchFs } from './scratch-fs.ts'

const WORK = fileURLToPath(new URL('../.work/', import.meta.url))
const OPS = ['put', 'get', 'poll'] as const

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    count: { type: 'string', default: '500' },
    poll: { type: 'string', default: '3000' },
    only: { type: 'string', default: OPS.join(',') },
    against: { type: 'string' },
    'bundle-vs': { type: 'string' },
    'args-vs': { type: 'string' },
    reverse: { type: 'boolean', default: false },
    files: { type: 'string', default: '0' },
    kb: { type: 'string', default: String(FULL.fileKb) },
    fs: { type: 'string', default: 'fresh' },
  },
})

interface Side {
  name: string
  ours: RunningOurs
  client: DavClient
  run: string
  cpu: Record<string, number[]>
  /** User time alone: the system time of a PUT swings with the filesystem's inode allocation (see the header). */
  user: Record<string, number[]>
  /** Minor page faults per request: new memory is costly on this VM (see bench/README). */
  faults: Record<string, number[]>
}

async function main(): Promise<void> {
  if (args.fs !== 'fresh' && args.fs !== 'here') throw new Error('--fs takes fresh or here')
  const scratch = scratchFs(WORK, 4, args.fs)
  const rounds = Number(args.rounds)
  const p: BenchParams = { ...FULL, count: Number(args.count), fileKb: Number(args.kb), pollRequests: Number(args.poll) }
  const only = new Set(args.only!.split(','))
  const sides: Side[] = []
  const loads: number[] = []
  try {
    const vs = args['bundle-vs'] as 'bundle' | 'names' | undefined
    if (vs && vs !== 'bundle' && vs !== 'names') throw new Error('--bundle-vs takes bundle or names')
    const argsVs = args['args-vs']?.split(' ').filter(Boolean)
    const trees: { name: string; serve?: string; bundle?: 'off' | 'bundle' | 'names'; nodeArgs?: string[] }[] = vs
      ? [{ name: 'tsx', bundle: 'off' }, { name: vs, bundle: vs }]
      : argsVs
        ? [{ name: 'this' }, { name: 'args', nodeArgs: argsVs }]
        : [{ name: 'this' }, ...(args.against ? [{ name: 'against', serve: path.resolve(args.against, 'bench/dav/serve-ours.ts') }] : [])]
    // --reverse starts (and runs first) the other side, to see whether the order favours one.
    if (args.reverse) trees.reverse()
    for (const t of trees) {
      const ours = await startOurs(scratch.dir, { name: `cpu-${t.name}`, serve: t.serve, bundle: t.bundle, nodeArgs: t.nodeArgs })
      sides.push({ name: t.name, ours, client: new DavClient(ours.target, 32), run: runFolder(), cpu: { put: [], get: [], poll: [] }, user: { put: [], get: [], poll: [] }, faults: { put: [], get: [], poll: [] } })
    }
    for (const s of sides) {
      const c = s.client
      // The polled folder holds `--files` small files, as the DAV bench's (10,000 there).
      await prepare(c, s.run, { ...p, files: Number(args.files) })
      // Warm-up: module loading, JIT and statement preparation are not per-request costs.
      await putFiles(c, s.run, { ...p, count: 100 })
      await getFiles(c, s.run, { ...p, count: 100 })
      await pollDepth0(c, s.run, { ...p, pollRequests: 500 })
    }
    for (let i = 0; i < rounds; i++) {
      loads.push(os.loadavg()[0]!)
      // Alternate which tree goes first, so a trend in the machine's load favours neither.
      for (const s of i % 2 ? [...sides].reverse() : sides) await round(s, i, p, only, sides[0]!)
    }
    for (const s of sides) await s.client.request('DELETE', s.run).catch(() => {})
  } finally {
    for (const s of sides) {
      s.client.close()
      await s.ours.stop()
    }
    scratch.release()
  }
  console.log(`${sides[0]?.ours.target.setup}; load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ${rounds} rounds`)
  for (const s of sides) {
    for (const name of OPS) {
      const xs = s.cpu[name]!
      if (!xs.length) continue
      // Other load on the machine only adds CPU time per request, so the minimum is the steadier figure.
      const us = s.user[name]!
      console.log(`${s.name.padEnd(8)} ${name.padEnd(5)} cpu µs/op min ${Math.min(...xs).toFixed(0).padStart(5)} median ${percentile(xs, 50).toFixed(0).padStart(5)}` +
        `  user min ${Math.min(...us).toFixed(0).padStart(5)} median ${percentile(us, 50).toFixed(0).padStart(5)}  (${xs.map((x) => x.toFixed(0)).join(' ')})`)
      console.log(`${''.padEnd(8)} ${''.padEnd(5)} user µs/op (${us.map((x) => x.toFixed(0)).join(' ')})  faults/op (${s.faults[name]!.map((x) => x.toFixed(1)).join(' ')})`)
    }
  }
}

/** One round on one tree: new files each round, as in the DAV bench (replacing a file costs the filesystem more). */
async function round(s: Side, i: number, p: BenchParams, only: Set<string>, first: Side): Promise<void> {
  const c = s.client
  const pid = s.ours.target.pid!
  const folder = `${s.run}r${i}/`
  await c.request('MKCOL', folder, { expect: [201] })
  await c.request('MKCOL', `${folder}put/`, { expect: [201] })
  const measure = async (name: string, fn: () => Promise<OpResult>): Promise<void> => {
    if (!only.has(name)) return
    // Only the first side's measured phases are recorded, each to its own file, so that a profile holds one operation.
    const perf = process.env.BENCH_PERF && s === first ? await startPerf(`${process.env.BENCH_PERF}-${name}-r${i}`, pid) : null
    const before = cpuSplitOfTree(pid)
    const r = await fn()
    const after = cpuSplitOfTree(pid)
    if (perf) await stopPerf(perf)
    s.cpu[name]!.push(((after.user + after.sys - before.user - before.sys) / r.count) * 1000)
    s.user[name]!.push(((after.user - before.user) / r.count) * 1000)
    s.faults[name]!.push((after.faults - before.faults) / r.count)
  }
  if (!only.has('put') && only.has('get')) await putFiles(c, folder, p)
  await measure('put', () => putFiles(c, folder, p))
  await measure('get', () => getFiles(c, folder, p))
  await measure('poll', () => pollDepth0(c, s.run, p))
}

async function startPerf(out: string, pid: number): Promise<ChildProcess> {
  // BENCH_PERF_EVENT=page-faults records every fault instead, to see where new memory is touched.
  const event = process.env.BENCH_PERF_EVENT ?? 'cpu-clock'
  const rate = event === 'cpu-clock' ? ['-F', '1999'] : ['-c', '1']
  const perf = spawn('perf', ['record', '-e', event, ...rate, '-g', '-p', String(pid), '-o', out], { stdio: 'ignore' })
  // perf attaches within a few milliseconds; it has no "ready" signal to wait for.
  await new Promise((resolve) => setTimeout(resolve, 300))
  return perf
}

function stopPerf(perf: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    perf.once('exit', () => resolve())
    perf.kill('SIGINT')
  })
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
