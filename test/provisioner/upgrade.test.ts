import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appliedVersions } from '@maison/db'
import { Unavailable } from '@maison/errors'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import type { StaffMember } from '../../apps/provisioner/src/domain/ports.ts'
import type { UpgradeReport } from '../../apps/provisioner/src/domain/upgrade-report.ts'
import { startFleetWorkers } from '../../apps/provisioner/src/jobs/fleet-workers.ts'
import { SqliteUpgradeRepository } from '../../apps/provisioner/src/storage/sqlite-upgrades.ts'
import { testRedisUrl, until } from './support.ts'
import { openFleet, type Fleet, type FleetHooks } from './upgrade-fleet.ts'

const SPACES = 30
let dataDir: string
let prefix: string
let fleet: Fleet | undefined
let op: StaffMember
const slugs = Array.from({ length: SPACES }, (_, i) => `asso-${String(i).padStart(2, '0')}`)

/** 30 spaces at schema 1 (one suspended), then the host reopened at schema 2 with its workers. */
async function fleetAtV2(hooks: FleetHooks, options: { concurrency?: number; maxFailures?: number } = {}): Promise<Fleet> {
  const v1 = openFleet({ dataDir, redisUrl: testRedisUrl(), prefix, version: 1 })
  for (const slug of slugs) await v1.parts.host.create({ slug, name: `Association ${slug}`, quotaBytes: 1024 ** 3, maxAccounts: 10 })
  v1.parts.registry.update('asso-07', { status: 'suspended' })
  await v1.close()
  fleet = openFleet({
    dataDir, redisUrl: testRedisUrl(), prefix, version: 2, hooks,
    options: { upgrade: { concurrency: options.concurrency ?? 3, maxFailures: options.maxFailures ?? 10, lockDurationMs: 600_000 }, sweepMs: 60_000 },
  })
  op = fleet.p.repos.staff.insert({ username: 'op', displayName: 'Op', email: null, role: 'operator', passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: new Date().toISOString() })
  return fleet
}

const ended = (f: Fleet, id: number) => until(() => { const r = f.p.upgrades.report(id); return r.status !== 'running' && r }, 30_000, 'upgrade end')

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-upgrade-'))
  prefix = `tu${crypto.randomBytes(5).toString('hex')}`
})
afterEach(async () => {
  await fleet?.close()
  fleet = undefined
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('fleet upgrade', () => {
  it('migrates every space behind, closing each only during its own migration, and reports a failure', async () => {
    const seen: { slug: string; status: string; open: unknown; others: string[] }[] = []
    const f = await fleetAtV2({
      fails: (slug) => slug === 'asso-13',
      during: (slug) => {
        let open: unknown = null
        try {
          f.parts.host.open(slug).release()
        } catch (err) {
          open = err
        }
        const others = f.parts.registry.list().filter((s) => s.status === 'maintenance' && s.slug !== slug).map((s) => s.slug)
        seen.push({ slug, status: f.parts.registry.get(slug)!.status, open, others })
      },
    })
    expect(f.p.upgrades.behind()).toBe(SPACES)
    await startFleetWorkers(f.p)
    const { upgrade, created } = await f.p.upgrades.start(op)
    expect(created).toBe(true)
    // Starting again while it runs gives the same upgrade.
    expect((await f.p.upgrades.start(op)).upgrade.id).toBe(upgrade.id)
    const report = await ended(f, upgrade.id)

    expect(report).toMatchObject({ status: 'done', counts: { total: SPACES, done: SPACES - 1, failed: 1, pending: 0, running: 0, skipped: 0 } })
    expect(report.failures).toEqual([{ slug: 'asso-13', error: 'tags migration refused for asso-13' }])
    for (const slug of slugs) {
      const record = f.parts.registry.get(slug)!
      expect(record.status, slug).toBe(slug === 'asso-07' ? 'suspended' : 'active')
      const db = f.parts.pool.get(slug)
      expect(appliedVersions(db).get('testapp'), slug).toBe(slug === 'asso-13' ? 1 : 2)
      expect(record.schemaVersion === f.parts.host.schemaVersion, slug).toBe(slug !== 'asso-13')
    }
    // The failed migration rolled back; the space still refuses requests (its schema is behind).
    expect(() => f.parts.pool.get('asso-13').prepare('SELECT * FROM testapp_tags').all()).toThrow(/no such table/)
    expect(() => f.parts.host.open('asso-13')).toThrow(Unavailable)
    f.parts.host.open('asso-12').release()

    // During its migration an open space was in maintenance and answered 503 with Retry-After; no other space was.
    expect(seen).toHaveLength(SPACES)
    for (const s of seen.filter((x) => x.slug !== 'asso-07')) {
      expect(s.status, s.slug).toBe('maintenance')
      expect(s.open, s.slug).toBeInstanceOf(Unavailable)
      expect((s.open as Unavailable).headers?.['Retry-After'], s.slug).toBeTruthy()
      expect(s.others, s.slug).toEqual([])
    }
    expect(seen.find((x) => x.slug === 'asso-07')!.status).toBe('suspended')

    // Downtime is recorded for every space that was open, none for the suspended one.
    const rows = f.p.upgrades.spaces(upgrade.id)
    for (const r of rows) {
      if (r.slug === 'asso-07') expect(r.downtimeMs).toBeNull()
      else expect(r.downtimeMs, r.slug).toBeGreaterThan(0)
    }
    expect(report.downtime.measured).toBe(SPACES - 1)
    expect(report.downtime.maxMs).toBeGreaterThanOrEqual(report.downtime.p95Ms)
    expect(report.downtime.p95Ms).toBeGreaterThan(0)
    expect(report.totalMs).toBeGreaterThan(0)
    expect(f.p.repos.audit.list({ target: `upgrade:${upgrade.id}` }).map((a) => a.action)).toEqual(['upgrade.started'])

    await expect(f.p.upgrades.retry(op, 999)).rejects.toThrow(/no upgrade 999/)
  })

  it('halts once failures reach the threshold, leaves the rest untouched, and a retry finishes the job', async () => {
    let broken = true
    const f = await fleetAtV2({ fails: (slug) => broken && slug >= 'asso-05' && slug < 'asso-15' }, { concurrency: 1, maxFailures: 3 })
    await startFleetWorkers(f.p)
    const { upgrade } = await f.p.upgrades.start(op)
    const halted = await ended(f, upgrade.id)
    expect(halted.status).toBe('halted')
    expect(halted.counts).toMatchObject({ total: SPACES, done: 5, failed: 3, running: 0, pending: SPACES - 8 })
    expect(halted.haltReason).toMatch(/3 spaces failed \(threshold 3\); 22 left untouched/)
    expect(halted.failures.map((x) => x.slug)).toEqual(['asso-05', 'asso-06', 'asso-07'])
    for (const slug of slugs.slice(8)) {
      expect(appliedVersions(f.parts.pool.get(slug)).get('testapp'), slug).toBe(1)
      expect(f.parts.registry.get(slug)!.status, slug).toBe('active')
    }
    await expect(f.p.upgrades.retry({ ...op, role: 'reviewer' }, upgrade.id)).rejects.toThrow(/does not allow/)

    broken = false
    const again = await f.p.upgrades.retry(op, upgrade.id)
    expect(again.attempt).toBe(2)
    const done = await ended(f, upgrade.id)
    expect(done).toMatchObject({ status: 'done', attempt: 2, counts: { done: SPACES, failed: 0, pending: 0 }, failures: [] })
    await expect(f.p.upgrades.retry(op, upgrade.id)).rejects.toThrow(/no failed or remaining space/)
    // A new upgrade finds nothing behind.
    const next = await f.p.upgrades.start(op)
    expect(next.upgrade.id).not.toBe(upgrade.id)
    expect((await ended(f, next.upgrade.id)).counts.total).toBe(0)
  })

  it('resumes after a worker died mid-migration: the space is reopened and migrated once', async () => {
    const f = await fleetAtV2({})
    // Two spaces already migrated by someone else are skipped.
    f.parts.host.upgrade('asso-00')
    // What a lane killed in the middle of asso-03 leaves behind: its row claimed, the space in maintenance.
    const repo = new SqliteUpgradeRepository(f.parts.platformDb)
    const u = repo.create({ schemaVersion: f.parts.host.schemaVersion, maxFailures: 10, lanes: 1, startedBy: 'op', createdAt: new Date().toISOString() }, slugs)!
    f.parts.host.upgrade('asso-01')
    expect(repo.claim(u.id, '1.0', new Date().toISOString())).toBe('asso-00')
    repo.finish(u.id, 'asso-00', { state: 'skipped', error: 'Already up to date.' }, new Date().toISOString())
    repo.claim(u.id, '1.0', new Date().toISOString())
    repo.claim(u.id, '1.0', new Date().toISOString())
    repo.claim(u.id, '1.0', new Date().toISOString())
    // asso-04: migrated by that lane just before it died, but not yet recorded as such.
    expect(repo.claim(u.id, '1.0', new Date().toISOString())).toBe('asso-04')
    repo.setPreviousStatus(u.id, 'asso-04', 'active')
    f.parts.host.upgrade('asso-04')
    repo.release(u.id, 'asso-01')
    repo.release(u.id, 'asso-02')
    repo.setPreviousStatus(u.id, 'asso-03', 'active')
    f.parts.registry.update('asso-03', { status: 'maintenance' })
    expect(() => f.parts.host.open('asso-03')).toThrow(/being upgraded/)

    // BullMQ hands the stalled lane to another worker: the same lane runs again.
    const { handled } = await f.p.upgrades.runLane(u.id, 1, '1.0')
    expect(handled).toBe(SPACES - 1)
    const r = f.p.upgrades.report(u.id)
    expect(r).toMatchObject({ status: 'done', counts: { done: SPACES - 2, skipped: 2, failed: 0 } })
    expect(f.parts.registry.get('asso-03')!.status).toBe('active')
    expect(appliedVersions(f.parts.pool.get('asso-03')).get('testapp')).toBe(2)
    expect(f.p.upgrades.spaces(u.id).find((s) => s.slug === 'asso-01')).toMatchObject({ state: 'skipped', error: 'Already up to date.' })
    // This upgrade did migrate asso-04: done, its downtime unknown.
    expect(f.p.upgrades.spaces(u.id).find((s) => s.slug === 'asso-04')).toMatchObject({ state: 'done', downtimeMs: null, error: null })
    // Running it once more does nothing.
    expect((await f.p.upgrades.runLane(u.id, 1, '1.0')).handled).toBe(0)
  })

  it('restarts a running upgrade whose lanes were lost (the sweep)', async () => {
    const f = await fleetAtV2({})
    const repo = new SqliteUpgradeRepository(f.parts.platformDb)
    const u = repo.create({ schemaVersion: f.parts.host.schemaVersion, maxFailures: 10, lanes: 2, startedBy: 'op', createdAt: new Date().toISOString() }, slugs)!
    repo.claim(u.id, '1.0', new Date().toISOString())
    f.parts.registry.update('asso-00', { status: 'maintenance' })
    repo.setPreviousStatus(u.id, 'asso-00', 'active')
    await startFleetWorkers(f.p)
    expect(await f.p.upgrades.resumeIfStuck()).toBe(true)
    const report: UpgradeReport = await ended(f, u.id)
    expect(report).toMatchObject({ status: 'done', attempt: 2, counts: { done: SPACES } })
    expect(f.parts.registry.get('asso-00')!.status).toBe('active')
    expect(await f.p.upgrades.resumeIfStuck()).toBe(false)
  })
})
