/**
 * `--upgrade` stage of the provisioner bench: as many spaces as the run provisioned (1,000 at full size),
 * created at schema 1 in a DATA_DIR of their own, then the host reopened with one more app migration and a
 * fleet upgrade run by the real lane workers on the run's Redis (own queue prefix). Reports the total time
 * and the largest per-space downtime (the space is in maintenance only while its own migration runs).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startFleetWorkers } from '../../apps/provisioner/src/jobs/fleet-workers.ts'
import { openFleet } from '../../test/provisioner/upgrade-fleet.ts'
import type { BenchContext, StageFigures } from './context.ts'

/** Runs the fleet upgrade of `ctx.slugs.length` spaces with one migration and returns its figures. */
export async function runUpgrade(ctx: BenchContext): Promise<StageFigures> {
  const n = ctx.slugs.length
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-bench-upgrade-'))
  const prefix = `bu${crypto.randomBytes(4).toString('hex')}`
  try {
    const v1 = openFleet({ dataDir, redisUrl: ctx.redisUrl, prefix, version: 1 })
    const tCreate = performance.now()
    for (let i = 0; i < n; i++) await v1.parts.host.create({ slug: `up-${String(i).padStart(5, '0')}`, name: `Space ${i}`, quotaBytes: 1024 ** 3, maxAccounts: 50 })
    const createMs = performance.now() - tCreate
    await v1.close()
    const f = openFleet({ dataDir, redisUrl: ctx.redisUrl, prefix, version: 2 })
    try {
      const op = f.p.repos.staff.insert({ username: 'op', displayName: 'Op', email: null, role: 'operator', passwordHash: 'x', enabled: true, createdAt: new Date().toISOString() })
      await startFleetWorkers(f.p)
      const t0 = performance.now()
      const { upgrade } = await f.p.upgrades.start(op)
      while (f.p.upgrades.progress(upgrade.id).status === 'running') await new Promise((r) => setTimeout(r, 20))
      const wallMs = performance.now() - t0
      const r = f.p.upgrades.report(upgrade.id)
      await f.queues.queue('fleet-upgrade').obliterate({ force: true })
      await f.queues.queue('fleet-stats').obliterate({ force: true })
      return {
        spaces: n, lanes: r.concurrency, status: r.status, done: r.counts.done, failed: r.counts.failed,
        setupMs: Math.round(createMs), totalMs: Math.round(wallMs), maxDowntimeMs: r.downtime.maxMs,
        p95DowntimeMs: r.downtime.p95Ms, targetMaxDowntimeMs: 1000,
      }
    } finally {
      await f.close()
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
