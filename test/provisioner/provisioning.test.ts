import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Conflict, Forbidden } from '@maison/errors'
import { startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import type { StaffMember } from '../../apps/provisioner/src/domain/ports.ts'
import { buildApplication, startPlatform, until, type TestPlatform } from './support.ts'

let t: TestPlatform
let stopSweep: (() => void) | undefined

async function staff(role: StaffMember['role'], username = `${role}-1`): Promise<StaffMember> {
  return t.p.repos.staff.insert({ username, displayName: username, email: null, role, passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: new Date().toISOString() })
}

/** Submits and confirms through the real service, reading the confirmation link from the outbox. */
async function pendingApplication(overrides: Record<string, unknown> = {}) {
  const { application } = await t.p.applications.submit(buildApplication(overrides), 'fr')
  await until(() => t.outbox.list().find((m) => m.key === `apply-confirm:${application.id}`), 10_000, 'confirmation mail')
  const mail = t.outbox.list().find((m) => m.key === `apply-confirm:${application.id}`)!
  const token = /\/apply\/confirm\/([\w-]+)/.exec(mail.text)![1]!
  return t.p.applications.confirm(token)
}

beforeEach(async () => {
  t = await startPlatform()
  t.mail.startWorker(2)
})
afterEach(async () => {
  stopSweep?.()
  stopSweep = undefined
  await t.close()
})

describe('applications', () => {
  it('goes from unconfirmed to pending by the mailed link, and holds its name from then on', async () => {
    const app = await pendingApplication({ slug: 'Les-Potes' })
    expect(app).toMatchObject({ status: 'pending', slug: 'les-potes' })
    expect(t.p.applications.checkName('les-potes')).toMatchObject({ available: false, reason: 'taken' })
    expect(t.p.applications.checkName('les-p0tes')).toMatchObject({ available: false, reason: 'lookalike' })
  })

  it('gives the reviewer hints on thresholds and duplicates', async () => {
    await pendingApplication({ contactEmail: 'same@example.org', organisation: 'Club Sportif' })
    const second = await pendingApplication({ contactEmail: 'same@example.org', organisation: 'CLUB  sportif!', employees: 40, budgetBand: 'over_1m' })
    const codes = t.p.applications.detail(second.id).hints.map((h) => h.code).sort()
    expect(codes).toEqual(['budget_above', 'duplicate_email', 'duplicate_organisation', 'employees_above'])
  })

  it('asks for information, takes the answer on the status page, then rejects with a French template', async () => {
    const reviewer = await staff('reviewer')
    const app = await pendingApplication()
    await t.p.applications.askInfo(reviewer, app.id, 'Combien de bénévoles êtes-vous ?')
    const q = await until(() => t.outbox.list().find((m) => m.key.startsWith(`apply-question:${app.id}`)), 10_000, 'question mail')
    const statusToken = /\/apply\/status\/([\w-]+)/.exec(q.text)![1]!
    expect(t.p.applications.statusOf(statusToken).application.status).toBe('info_requested')
    expect(() => t.p.applications.answer(statusToken, '')).toThrow(/1 to 5,000/)
    expect(t.p.applications.answer(statusToken, 'Une douzaine.').status).toBe('pending')
    expect(() => t.p.applications.answer(statusToken, 'encore')).toThrow(Conflict)
    await t.p.applications.reject(reviewer, app.id, { template: 'not_eligible', reason: 'Bonne continuation.' })
    const mail = await until(() => t.outbox.list().find((m) => m.key === `apply-rejected:${app.id}`), 10_000, 'reject mail')
    expect(mail.text).toContain('Notre service est réservé')
    expect(mail.text).toContain('Bonne continuation.')
    const actions = t.p.repos.audit.list({ target: `application:${app.id}` }).map((a) => a.action)
    expect(actions).toEqual(['application.rejected', 'application.answered', 'application.info_requested'])
    // The name is free again once rejected.
    expect(t.p.applications.checkName(app.slug)).toMatchObject({ available: true })
  })

  it('lets only reviewers and admins decide', async () => {
    const operator = await staff('operator')
    const app = await pendingApplication()
    await expect(t.p.applications.approve(operator, app.id)).rejects.toThrow(Forbidden)
    expect(t.p.repos.apps.byId(app.id)!.status).toBe('pending')
  })
})

describe('provisioning', () => {
  it('turns an approval into a ready space with its admin, folders, apps and one welcome mail', async () => {
    stopSweep = await startProvisionWorkers(t.p)
    const admin = await staff('admin')
    const app = await pendingApplication({ language: 'fr' })
    await t.p.applications.approve(admin, app.id)
    await until(() => t.p.repos.apps.byId(app.id)!.status === 'ready', 20_000, 'ready')

    const space = t.parts.registry.get(app.slug)!
    expect(space).toMatchObject({ status: 'active', name: app.organisation, maxAccounts: 50 })
    const db = t.parts.pool.get(app.slug)
    const account = db.prepare('SELECT username, email, role FROM accounts').all()
    expect(account).toEqual([{ username: 'admin', email: app.contactEmail, role: 'admin' }])
    expect(fs.readdirSync(path.join(t.parts.pool.dir(app.slug), 'files', 'admin')).sort()).toEqual(['Documents', 'Partage', 'Photos'])
    const enabled = db.prepare("SELECT value FROM space_settings WHERE key = 'enabledApps'").get() as { value: string }
    expect(JSON.parse(enabled.value)).toContain('events')
    expect(t.p.repos.placements.get(app.slug)).toMatchObject({ hostId: 'local', applicationId: app.id })

    const welcome = await until(() => t.outbox.list().filter((m) => m.key === `welcome:${app.slug}`).length === 1 && t.outbox.list().find((m) => m.key === `welcome:${app.slug}`), 10_000, 'welcome mail')
    expect(welcome.subject).toContain('est prêt')
    const secret = /\/reset\/([\w-]+)/.exec(welcome.text)![1]!
    const reset = db.prepare('SELECT count(*) AS n FROM account_password_resets WHERE token_hash = ?').get(createHash('sha256').update(secret).digest('hex')) as { n: number }
    expect(reset.n).toBe(1)

    const job = await t.p.queue.progress(app.slug)
    expect(job).toMatchObject({ state: 'completed', step: 'done', progress: { step: 'done', percent: 100 } })
    expect(t.p.repos.audit.list({ target: `space:${app.slug}` }).map((a) => a.action)).toEqual(['space.ready'])
  })

  it('provisions once when two staff approve the same application at the same time', async () => {
    const [a, b] = [await staff('reviewer', 'r1'), await staff('admin', 'a1')]
    const app = await pendingApplication()
    const results = await Promise.allSettled([t.p.applications.approve(a, app.id), t.p.applications.approve(b, app.id)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(lost.reason).toBeInstanceOf(Conflict)
    expect(await t.queues.queue('provision').getJobCounts('waiting', 'active', 'completed')).toMatchObject({ waiting: 1 })
    stopSweep = await startProvisionWorkers(t.p)
    await until(() => t.p.repos.apps.byId(app.id)!.status === 'ready', 20_000, 'ready')
    expect(t.p.repos.audit.list({ target: `application:${app.id}` }).filter((e) => e.action === 'application.approved')).toHaveLength(1)
  })

  it('fails for good, visibly, when the name is held by another application', async () => {
    stopSweep = await startProvisionWorkers(t.p)
    const admin = await staff('admin')
    const app = await pendingApplication()
    const other = (await t.p.applications.submit(buildApplication(), 'en')).application
    t.p.repos.placements.reserve(app.slug, other.id, new Date().toISOString())
    await t.p.applications.approve(admin, app.id)
    const failed = await until(() => { const a = t.p.repos.apps.byId(app.id)!; return a.status === 'failed' && a }, 20_000, 'failed')
    expect(failed.lastError).toMatch(/reserve: conflict: The name .* is reserved by application \d+/)
    expect((await t.p.queue.progress(app.slug))?.attempts).toBe(1)
  })

  it('queues again an approval whose job was lost', async () => {
    const admin = await staff('admin')
    const app = await pendingApplication()
    await t.p.applications.approve(admin, app.id)
    await t.queues.queue('provision').obliterate({ force: true })
    stopSweep = await startProvisionWorkers(t.p)
    await until(() => t.p.repos.apps.byId(app.id)!.status === 'ready', 20_000, 'ready')
  })
})
