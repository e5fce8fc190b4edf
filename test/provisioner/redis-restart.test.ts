import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { parseApplication } from '../../apps/provisioner/src/domain/application-schema.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { buildApplication, startPlatform, until, type TestPlatform } from './support.ts'

const N = 500

let redis: TestRedis | undefined
let t: TestPlatform | undefined
let stopWorkers: (() => void) | undefined

afterEach(async () => {
  stopWorkers?.()
  await t?.close()
  await redis?.stop()
  stopWorkers = t = redis = undefined
})

/**
 * Records confirmed applications number `from` to `to - 1` (straight into the repository: their confirmation
 * mails would only add load) and approves each through the real service, which queues its provisioning job.
 */
async function approveRange(p: TestPlatform['p'], staffId: number, from: number, to: number, approved: { id: number; slug: string }[]): Promise<void> {
  const staff = p.repos.staff.byId(staffId)!
  for (let i = from; i < to; i++) {
    const slug = `rr-${String(i).padStart(3, '0')}-x`
    const now = new Date()
    const input = parseApplication(buildApplication({ slug, organisation: `Association redis ${i}`, contactEmail: `r${i}@example.org` }), 'en', now)
    const application = p.repos.apps.insert(input, now.toISOString())
    p.repos.apps.transition(application.id, ['unconfirmed'], 'pending', { confirmedAt: now.toISOString() }, now.toISOString())
    await p.applications.approve(staff, application.id)
    approved.push({ id: application.id, slug })
  }
}

describe('Redis restart in the middle of a batch', () => {
  it(`${N} approvals survive a kill -9 of redis-server and its restart from the AOF; the workers reconnect in the same process`, async () => {
    // Production settings (infra/redis.conf: AOF, appendfsync everysec): the kill may lose the last second of writes.
    redis = await startRedis({ appendonly: true })
    t = await startPlatform({
      redisUrl: redis.url,
      // The sweep is the safety net for approvals whose job Redis lost; it looks only at applications idle for 20 s.
      options: { provisionConcurrency: 4, sweepMs: 5000, sweepStaleMs: 20_000, lockDurationMs: 5000, stalledIntervalMs: 2000, maxStalledCount: 100 },
    })
    const p = t.p
    const staff = p.repos.staff.insert({ username: 'rr', displayName: 'RR', email: null, role: 'admin', passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: new Date().toISOString() })
    t.mail.startWorker(4)
    stopWorkers = await startProvisionWorkers(p)
    const pid = process.pid

    const approved: { id: number; slug: string }[] = []
    const ready = () => p.repos.apps.countByStatus().ready ?? 0
    // Approvals keep arriving while Redis goes away: those made during the outage wait for it.
    const t0 = Date.now()
    const approving = approveRange(p, staff.id, 0, N, approved).then(() => Date.now() - t0)
    // Half the approvals in: the first spaces are being made and more approvals keep coming.
    await until(() => approved.length >= N / 2 && ready() > 0, 60_000, 'half the approvals before the kill')
    const atKill = { ready: ready(), approved: approved.length }
    await redis.kill9()
    await new Promise((r) => setTimeout(r, 2000))
    const duringOutage = ready()
    await redis.restart()
    const approvedMs = await approving
    await until(() => ready() === N, 120_000, `all ${N} ready (now ${ready()})`)
    const readyMs = Date.now() - t0
    const welcomes = () => t!.outbox.list(100_000).filter((m) => m.key.startsWith('welcome:'))
    await until(() => welcomes().length >= N, 30_000, 'every welcome mail')
    // A late duplicate, if any, would arrive now.
    await new Promise((r) => setTimeout(r, 1500))

    const seen = `ready at kill ${atKill.ready}, approved at kill ${atKill.approved}, ready during outage ${duringOutage}; all approved after ${approvedMs} ms, all ready after ${readyMs} ms`
    console.log(`redis restart: ${seen}`)
    expect(atKill.ready, seen).toBeGreaterThan(0)
    expect(atKill.ready, seen).toBeLessThan(N)
    expect(atKill.approved, seen).toBeLessThan(N)
    expect(process.pid).toBe(pid)
    expect(p.repos.apps.countByStatus()).toEqual({ ready: N })
    expect(t.parts.registry.count()).toBe(N)
    expect(fs.readdirSync(path.join(t.dataDir, 'spaces')).sort()).toEqual(approved.map((a) => a.slug).sort())
    const perSpace = new Map<string, number>()
    for (const m of welcomes()) perSpace.set(m.key.slice('welcome:'.length), (perSpace.get(m.key.slice('welcome:'.length)) ?? 0) + 1)
    expect(approved.filter((a) => perSpace.get(a.slug) !== 1).map((a) => `${a.slug}:${perSpace.get(a.slug) ?? 0}`)).toEqual([])
    const accounts = approved.map((a) => (t!.parts.pool.get(a.slug).prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n)
    expect([...new Set(accounts)]).toEqual([1])
  }, 240_000)
})
