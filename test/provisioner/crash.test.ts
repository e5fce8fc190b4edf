import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { buildApplication, startPlatform, testRedisUrl, until, type TestPlatform } from './support.ts'

const WORKER = new URL('./crash-worker.ts', import.meta.url).pathname

let t: TestPlatform | undefined
const children = new Set<ChildProcess>()

afterEach(async () => {
  for (const c of children) c.kill('SIGKILL')
  children.clear()
  await t?.close()
  t = undefined
})

function spawnWorker(guards: boolean): Promise<ChildProcess> {
  // node --import tsx: one process per worker, so SIGKILL hits the worker itself and not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, CRASH_DATA_DIR: t!.dataDir, CRASH_PREFIX: t!.prefix, CRASH_REDIS_URL: testRedisUrl(), CRASH_GUARDS: guards ? 'on' : 'off', CRASH_MAIL: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
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

/** Queues `n` approvals through the real services (confirmation links redeemed directly). */
async function approveMany(n: number): Promise<{ id: number; slug: string }[]> {
  const staff = t!.p.repos.staff.insert({ username: 'crash', displayName: 'Crash', email: null, role: 'admin', passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: new Date().toISOString() })
  const apps: { id: number; slug: string }[] = []
  for (let i = 0; i < n; i++) {
    const slug = `crash-${String(i).padStart(3, '0')}-x`
    const { application } = await t!.p.applications.submit(buildApplication({ slug, organisation: `Association numero ${i}`, contactEmail: `c${i}@example.org` }), 'en')
    t!.p.repos.apps.transition(application.id, ['unconfirmed'], 'pending', { confirmedAt: new Date().toISOString() }, new Date().toISOString())
    await t!.p.applications.approve(staff, application.id)
    apps.push({ id: application.id, slug })
  }
  return apps
}

/**
 * Kills the worker at random moments while the batch runs (`kills` times, or fewer once `enough` holds),
 * then lets a last worker finish. A moment is a random amount of the worker's own progress (5 to 25 more
 * spaces ready, or 250 ms without any), not a random delay: on a fast machine a delay could let the batch
 * end before the last kill.
 */
async function runWithKills(guards: boolean, apps: { id: number }[], kills: number, enough: () => boolean = () => false): Promise<{ before: number; after: number }[]> {
  const log: { before: number; after: number }[] = []
  const ready = () => apps.filter((a) => t!.p.repos.apps.byId(a.id)!.status === 'ready').length
  for (let k = 0; k < kills && !enough(); k++) {
    const before = ready()
    const child = await spawnWorker(guards)
    const target = before + 5 + Math.floor(Math.random() * 21)
    const started = Date.now()
    while (ready() < target && Date.now() - started < 250 + (ready() > before ? 5000 : 0)) await new Promise((r) => setTimeout(r, 2))
    await kill9(child)
    log.push({ before, after: ready() })
  }
  const last = await spawnWorker(guards)
  await until(() => ready() === apps.length, 120_000, `all ${apps.length} ready`)
  const mailsDone = () => t!.outbox.list(100_000).filter((m) => m.key.startsWith('welcome:')).length >= apps.length
  await until(mailsDone, 30_000, 'welcome mails')
  // Let a late duplicate, if any, arrive before counting.
  await new Promise((r) => setTimeout(r, 1500))
  last.kill('SIGTERM')
  await new Promise((r) => last.once('exit', r))
  return log
}

/** Activation links issued more than once so far, counted in the spaces created already. */
function extraTokensSoFar(apps: { slug: string }[]): number {
  return apps
    .filter((a) => t!.parts.pool.exists(a.slug))
    .reduce((n, a) => n + (t!.parts.pool.get(a.slug).prepare('SELECT count(*) AS n FROM account_password_resets').get() as { n: number }).n - 1, 0)
}

/** Welcome mails in the outbox, by space. */
function welcomeMails(): Map<string, number> {
  const welcome = new Map<string, number>()
  for (const m of t!.outbox.list(100_000)) {
    const slug = /^welcome:([^:]+)/.exec(m.key)?.[1]
    if (slug) welcome.set(slug, (welcome.get(slug) ?? 0) + 1)
  }
  return welcome
}

const extraMails = (apps: { slug: string }[], welcome = welcomeMails()) => apps.reduce((n, a) => n + Math.max(0, (welcome.get(a.slug) ?? 0) - 1), 0)

function damage(apps: { slug: string }[]) {
  const spacesDir = path.join(t!.dataDir, 'spaces')
  const welcome = welcomeMails()
  const counts = apps.map((a) => {
    const db = t!.parts.pool.get(a.slug)
    return {
      accounts: (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n,
      tokens: (db.prepare('SELECT count(*) AS n FROM account_password_resets').get() as { n: number }).n,
    }
  })
  return {
    ready: apps.filter((a) => t!.parts.registry.get(a.slug)?.status === 'active').length,
    dirs: fs.readdirSync(spacesDir).sort(),
    spacesInRegistry: t!.parts.registry.count(),
    mailsPerSpace: [...new Set(apps.map((a) => welcome.get(a.slug) ?? 0))].sort(),
    extraMails: extraMails(apps, welcome),
    accountsPerSpace: [...new Set(counts.map((c) => c.accounts))],
    extraTokens: counts.reduce((n, c) => n + c.tokens - 1, 0),
  }
}

describe('crash test: workers killed with SIGKILL mid-batch', () => {
  it('provisions 200 approvals exactly once despite at least 5 kills', async () => {
    t = await startPlatform({ options: { sweepMs: 1000 } })
    t.mail.startWorker(4)
    const apps = await approveMany(200)
    const kills = await runWithKills(true, apps, 5)
    const seen = `ready before/after each kill: ${kills.map((k) => `${k.before}/${k.after}`).join(', ')}`
    // Every kill landed mid-batch, and most on a worker that was making progress.
    expect(kills.filter((k) => k.after < apps.length).length, seen).toBe(5)
    expect(kills.filter((k) => k.after > k.before).length, seen).toBeGreaterThanOrEqual(4)
    const d = damage(apps)
    expect(d.ready).toBe(200)
    expect(d.spacesInRegistry).toBe(200)
    expect(d.dirs).toEqual(apps.map((a) => a.slug).sort())
    expect(d.mailsPerSpace).toEqual([1])
    expect(d.accountsPerSpace).toEqual([1])
    expect(d.extraTokens).toBe(0)
  }, 300_000)

  it('control run: with the idempotency guards off, the same kills do damage', async () => {
    t = await startPlatform({ options: { sweepMs: 1000 } })
    t.mail.startWorker(4)
    // A kill does damage only when it lands between a side effect and its record: a few ms of each
    // space's work. So kill until some shows, up to 30 times.
    const apps = await approveMany(200)
    await runWithKills(false, apps, 30, () => extraTokensSoFar(apps) > 0)
    const d = damage(apps)
    expect(d.ready).toBe(200)
    // What the guards prevent: a second activation link minted (and, when the kill came after the
    // mail was queued, mailed again) for a space after a crash.
    expect(d.extraTokens).toBeGreaterThan(0)
  }, 300_000)
})
