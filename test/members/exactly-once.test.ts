/**
 * Exactly once: a reminder run for 2,000 members, its worker process kill -9'ed mid-run and Redis
 * restarted; every due reminder reaches the SMTP listener once, none twice.
 */
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabase, type Db } from '@maison/db'
import { MailService, SmtpMailer } from '@maison/mail'
import { SqliteMailLedger } from '../../apps/workspace/src/platform/mail-store.ts'
import { REMINDERS_QUEUE } from '../../apps/members/src/index.ts'
import { sqliteMembersStore } from '../../apps/members/src/storage/store.ts'
import { createActivity } from '../../apps/members/src/domain/activities.ts'
import { createMember } from '../../apps/members/src/domain/members.ts'
import { recordPayment } from '../../apps/members/src/domain/payments.ts'
import { createRule } from '../../apps/members/src/domain/reminders.ts'
import { DEFAULT_TEMPLATES } from '../../apps/members/src/domain/templates.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { startSmtp, type TestSmtp } from '../support/smtp.ts'
import { startMembersServer, type MembersTestServer } from './support.ts'

const N = 2000
const WORKER = fileURLToPath(new URL('./reminder-worker.ts', import.meta.url))
const NOW = '2026-01-24T08:00:00Z'
let redis: TestRedis
let smtp: TestSmtp
let t: MembersTestServer
let db: Db
const children: ChildProcess[] = []

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATA_DIR: t.dataDir, REDIS_URL: redis.url, QUEUE_PREFIX: t.server.config.QUEUE_PREFIX, NOW },
    stdio: ['ignore', 'pipe', 'inherit'], cwd: path.resolve(path.dirname(WORKER), '../..'),
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)))
    child.stdout!.once('data', () => resolve(child))
  })
}

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n

beforeAll(async () => {
  redis = await startRedis({ appendonly: true, appendfsync: 'always' })
  smtp = await startSmtp()
  // Web only: this process serves nothing to the test but hosts the mail worker started below.
  t = await startMembersServer({ SMTP_URL: smtp.url, REDIS_URL: redis.url, ROLE: 'web' }, NOW)
  await t.createSpace('club')
  new MailService(t.server.queues, new SmtpMailer(smtp.url, t.server.config.MAIL_FROM), new SqliteMailLedger(t.server.parts.platformDb)).startWorker()
  db = openDatabase(path.join(t.dataDir, 'spaces', 'club', 'space.sqlite'))
  const env = { store: sqliteMembersStore(db), clock: () => new Date('2025-02-01T10:00:00Z'), defaults: { associationName: 'Club', timeZone: 'Europe/Paris' } }
  const act = createActivity(env, { name: 'Adhésion', validity: { kind: 'days', days: 365 }, fees: [{ label: 'Normal', amountCents: 1500 }] })
  createRule(env, act.id, { offsetDays: -7, templates: DEFAULT_TEMPLATES })
  env.store.transaction(() => {
    for (let i = 1; i <= N; i++) {
      const m = createMember(env, { firstName: `M${i}`, lastName: 'Test', email: `m${i}@example.org` })
      recordPayment(env, m.id, { activityId: act.id, amountCents: 1500, paidOn: '2025-02-01', method: 'transfer' })
    }
  })
}, 120_000)

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  db?.close()
  await t?.close()
  await smtp?.stop()
  await redis?.stop()
})

it(`sends each of ${N} due reminders once despite kill -9 and a Redis restart`, async () => {
  const first = await startWorker()
  await t.server.queues.queue(REMINDERS_QUEUE).add('space', { slug: 'club' }, { jobId: 'space-club-exactly-once' })
  // Kill as soon as the decisions are written and the hand-off to the mail queue has begun.
  const deadline = Date.now() + 30_000
  while (count('SELECT count(*) AS n FROM members_reminders_sent WHERE enqueued_at IS NOT NULL') === 0) {
    if (Date.now() > deadline) throw new Error('the reminder run never started')
    await new Promise((r) => setTimeout(r, 5))
  }
  first.kill('SIGKILL')
  await new Promise((r) => first.once('exit', r))
  const queuedAtKill = count('SELECT count(*) AS n FROM members_reminders_sent WHERE enqueued_at IS NOT NULL')
  expect(count('SELECT count(*) AS n FROM members_reminders_sent')).toBe(N)
  expect(queuedAtKill).toBeLessThan(N)

  await redis.restart()
  await startWorker()
  // Both paths must finish the work: the stalled job resumed, and a fresh run asked for by an admin.
  await t.server.queues.queue(REMINDERS_QUEUE).add('space', { slug: 'club' }, { jobId: 'space-club-after-restart' })
  const until = Date.now() + 120_000
  while (smtp.messages.length < N && Date.now() < until) await new Promise((r) => setTimeout(r, 200))
  await new Promise((r) => setTimeout(r, 3000))
  const ids = smtp.messages.map((m) => m.messageId)
  expect(smtp.messages.length).toBe(N)
  expect(new Set(ids).size).toBe(N)
  expect(new Set(smtp.messages.map((m) => [m.to].flat().map((a: any) => a?.text).join()))).toHaveLength(N)
  expect(count('SELECT count(*) AS n FROM members_reminders_sent WHERE enqueued_at IS NULL')).toBe(0)
  console.log(`exactly-once: ${queuedAtKill}/${N} queued when killed; ${smtp.messages.length} delivered, ${new Set(ids).size} distinct`)
}, 240_000)
