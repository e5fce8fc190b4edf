/**
 * Redis loses the mail queue after a welcome mail was queued but before it went out: the sweep queues it
 * again from the mail ledger, and it is sent exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAIL_QUEUE, mailJobId, type MailMessage } from '@maison/mail'
import { startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { buildApplication, startPlatform, until, type TestPlatform } from './support.ts'

let t: TestPlatform
let stop: (() => void) | undefined

beforeEach(async () => {
  t = await startPlatform()
})
afterEach(async () => {
  stop?.()
  stop = undefined
  await t.close()
})

describe('welcome mail after Redis lost its jobs', () => {
  it('is queued again by the sweep and sent once', async () => {
    stop = await startProvisionWorkers(t.p)
    const admin = t.p.repos.staff.insert({ username: 'boss', displayName: 'Boss', email: null, role: 'admin', passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: new Date().toISOString() })
    // No mail worker yet: the confirmation link is read from its queued job.
    const { application } = await t.p.applications.submit(buildApplication(), 'fr')
    const confirm = await t.queues.queue(MAIL_QUEUE).getJob(mailJobId(`apply-confirm:${application.id}`))
    const token = /\/apply\/confirm\/([\w-]+)/.exec((confirm!.data as MailMessage).text)![1]!
    t.p.applications.confirm(token)
    await t.p.applications.approve(admin, application.id)
    await until(() => t.p.repos.apps.byId(application.id)!.status === 'ready', 20_000, 'ready')
    const key = `welcome:${application.slug}`
    await until(() => t.p.repos.ledger.get(key)?.enqueuedAt, 10_000, 'welcome queued')

    await t.queues.queue(MAIL_QUEUE).obliterate({ force: true })
    expect(await t.queues.queue(MAIL_QUEUE).getJob(mailJobId(key))).toBeUndefined()
    t.mail.startWorker(1)
    await until(() => t.outbox.list().find((m) => m.key === key), 15_000, 'welcome mail sent')
    // More sweeps change nothing: the mail went once.
    await new Promise((r) => setTimeout(r, 1500))
    expect(t.outbox.list().filter((m) => m.key === key)).toHaveLength(1)
  })
})
