import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appliedVersions } from '@maison/db'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { testRedisUrl, until } from './support.ts'
import { openFleet, type Fleet } from './upgrade-fleet.ts'

const WORKER = new URL('./upgrade-worker.ts', import.meta.url).pathname
const SPACES = 40
const children = new Set<ChildProcess>()
let fleet: Fleet | undefined
let dataDir: string

afterEach(async () => {
  for (const c of children) c.kill('SIGKILL')
  children.clear()
  await fleet?.close()
  fleet = undefined
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  // node --import tsx: SIGKILL hits the worker itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  children.add(child)
  child.on('exit', () => children.delete(child))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve(child))
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)))
  })
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
}

describe('fleet upgrade under kill -9', () => {
  it('resumes where the killed worker stopped: every space migrated, none left in maintenance', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-upgrade-kill-'))
    const prefix = `tk${crypto.randomBytes(5).toString('hex')}`
    const log = path.join(dataDir, 'migrations.log')
    const slugs = Array.from({ length: SPACES }, (_, i) => `club-${String(i).padStart(3, '0')}`)
    const v1 = openFleet({ dataDir, redisUrl: testRedisUrl(), prefix, version: 1 })
    for (const slug of slugs) await v1.parts.host.create({ slug, name: slug, quotaBytes: 1024 ** 3, maxAccounts: 5 })
    await v1.close()
    fleet = openFleet({ dataDir, redisUrl: testRedisUrl(), prefix, version: 2 })
    const op = fleet.p.repos.staff.insert({ username: 'op', displayName: 'Op', email: null, role: 'operator', passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: new Date().toISOString() })
    const { upgrade } = await fleet.p.upgrades.start(op)

    const env = { UP_DATA_DIR: dataDir, UP_PREFIX: prefix, UP_REDIS_URL: testRedisUrl(), UP_LOG: log, UP_MIGRATION_MS: '60' }
    const f = fleet
    const handled = () => { const c = f.p.upgrades.progress(upgrade.id).counts; return c.done + c.failed + c.skipped }
    const kills: number[] = []
    while (kills.length < 5 && handled() < SPACES - 5) {
      const child = await spawnWorker(env)
      const before = handled()
      // Wait until this worker has got going, then kill it at a random moment.
      await until(() => handled() > before, 30_000, 'the worker to migrate a space')
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 250))
      await kill9(child)
      kills.push(handled())
    }
    expect(kills.length).toBeGreaterThanOrEqual(5)
    const last = await spawnWorker(env)
    const report = await until(() => { const r = f.p.upgrades.report(upgrade.id); return r.status !== 'running' && r }, 60_000, 'upgrade end')
    last.kill('SIGTERM')

    expect(report).toMatchObject({ status: 'done', counts: { total: SPACES, done: SPACES, failed: 0, skipped: 0, pending: 0, running: 0 } })
    // A kill between a space's migration and its record leaves that one's downtime unknown (it still counts as done).
    expect(report.downtime.measured).toBeGreaterThanOrEqual(SPACES - kills.length)
    for (const slug of slugs) {
      expect(f.parts.registry.get(slug)!.status, slug).toBe('active')
      expect(f.parts.registry.get(slug)!.schemaVersion, slug).toBe(f.parts.host.schemaVersion)
      const db = f.parts.pool.get(slug)
      expect(appliedVersions(db).get('testapp'), slug).toBe(2)
      expect((db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE scope = 'testapp'").get() as { n: number }).n).toBe(2)
    }
    // Some migrations were cut short by a kill and run again: the log holds more starts than spaces.
    const starts = fs.readFileSync(log, 'utf8').trim().split('\n')
    expect(new Set(starts).size).toBe(SPACES)
    expect(starts.length).toBeGreaterThan(SPACES)
  }, 240_000)
})
