/**
 * Provisioner benchmark: N approved applications provisioned end to end by the real provisioner on the
 * real workspace host as `npm start` runs it (every app's migrations, SQLite files, its own redis-server
 * with the production settings), against a BullMQ no-op flow of the same shape on the same Redis in the
 * same run. See bench/provisioner/README.md.
 *   npx tsx bench/provisioner/bench.ts [--quick] [--count N] [--steady N] [--rate R] [--concurrency C] [--upgrade]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { createRedis } from '@maison/queue'
import type { RunningServer } from '@maison/workspace'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { startRedis } from '../../test/support/redis.ts'
import { runNoopFlow } from './anchor.ts'
import { measureCpu } from './cpu.ts'
import type { BenchContext, StageFigures, UpgradeStage } from './context.ts'
import { startBenchHost } from './host.ts'
import { burst, oneByOne, prepareApplications, steady } from './provisioning.ts'
import { report, type BenchResults } from './report.ts'

// Approved one at a time after the others: the latency floor, with no queue in front.
const SINGLE = 20
const WORK = fileURLToPath(new URL('../.work/provisioner/', import.meta.url))

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    count: { type: 'string' },
    steady: { type: 'string' },
    rate: { type: 'string' },
    concurrency: { type: 'string' },
    upgrade: { type: 'boolean', default: false },
    // Accepted so that `npm run bench -- --no-ours` can go to every driver.
    'no-ours': { type: 'boolean', default: false },
  },
})

const num = (v: string | undefined, fallback: number): number => {
  const n = v === undefined ? fallback : Number(v)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got "${v}"`)
  return n
}

async function upgradeStage(ctx: BenchContext): Promise<StageFigures> {
  const file = fileURLToPath(new URL('./upgrade.ts', import.meta.url))
  if (!fs.existsSync(file)) return { note: 'not built yet: bench/provisioner/upgrade.ts exporting runUpgrade(ctx) will be run here' }
  const mod = (await import(file)) as { runUpgrade: UpgradeStage }
  return mod.runUpgrade(ctx)
}

/** Waits until the confirmation mails of the preparation are delivered, so that they don't run during the timed parts. */
async function drainConfirmations(server: RunningServer, n: number): Promise<void> {
  while (server.outbox.list(n + 10).length < n) await new Promise((r) => setTimeout(r, 100))
}

async function main(): Promise<void> {
  const count = num(args.count, args.quick ? 200 : 1000)
  // The headline run: 1,000 approvals spread over 100 s, as staff approve them, so that "1,000 ≤ 2 min" and
  // "p50 ≤ 500 ms" are measured together; the burst shows the queue's behaviour when all come at once.
  const steadyCount = num(args.steady, args.quick ? 100 : 1000)
  const rate = num(args.rate, 10)
  const concurrency = num(args.concurrency, 4)
  fs.rmSync(WORK, { recursive: true, force: true })
  fs.mkdirSync(path.join(WORK, 'redis'), { recursive: true })
  const redis = await startRedis({ dir: path.join(WORK, 'redis') })
  const host = await startBenchHost({ redisUrl: redis.url, dataDir: path.join(WORK, 'data'), concurrency })
  const { p, server } = host
  const info = createRedis(redis.url)
  try {
    const staff = p.repos.staff.insert({ username: 'bench', displayName: 'Bench', email: null, role: 'admin', passwordHash: await hashPassword('bench-password'), enabled: true, createdAt: new Date().toISOString() })
    console.error(`preparing ${count + steadyCount + SINGLE} confirmed applications…`)
    const burstIds = await prepareApplications(p, 'burst', count)
    const steadyIds = await prepareApplications(p, 'steady', steadyCount)
    const singleIds = await prepareApplications(p, 'single', SINGLE)
    await drainConfirmations(server, count + steadyCount + SINGLE)
    const load = [os.loadavg()[0]!]

    console.error(`anchor: BullMQ no-op flow of ${count} jobs…`)
    const anchorRun = await measureCpu(info, count, () => runNoopFlow(server.queues, { count, concurrency, mailConcurrency: 4 }))
    const anchor = { ...anchorRun.value, cpu: anchorRun.cpu }

    console.error(`provisioning ${count} approved at once…`)
    const burstRun = await measureCpu(info, count, () => burst(p, staff, burstIds, 600_000))
    const burstResult = { ...burstRun.value, cpu: burstRun.cpu }
    console.error(`provisioning ${steadyCount} approved at ${rate}/s…`)
    const steadyResult = await steady(p, staff, steadyIds, rate, 600_000)
    console.error(`provisioning ${SINGLE} one after the other…`)
    const singleResult = await oneByOne(p, staff, singleIds, 60_000)
    load.push(os.loadavg()[0]!)

    const spaces = server.parts.registry.count()
    const slugs = [...burstIds, ...steadyIds, ...singleIds].map((id) => p.repos.apps.byId(id)!.slug)
    const upgrade = args.upgrade ? await upgradeStage({ server, provisioner: p, slugs, redisUrl: redis.url, quick: args.quick }) : null
    const mem = await info.info('memory')
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(mem)?.[1] ?? NaN)
    const results: BenchResults = {
      at: new Date().toISOString(), concurrency, rate, spaces,
      anchor, burst: burstResult, steady: steadyResult, single: singleResult, upgrade, loadAverage: load,
      redis: { usedMemory: field('used_memory'), usedMemoryPeak: field('used_memory_peak'), keys: await info.dbsize() },
    }
    console.log(report(results))
    fs.writeFileSync(path.join(WORK, `../results-provisioner-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2))
  } finally {
    info.disconnect()
    await host.close()
    await redis.stop()
  }
}

await main()
process.exit(0)
