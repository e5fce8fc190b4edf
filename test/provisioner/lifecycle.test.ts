import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Conflict, Forbidden } from '@maison/errors'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import type { StaffMember } from '../../apps/provisioner/src/domain/ports.ts'
import { startPlatform, type TestPlatform } from './support.ts'

let t: TestPlatform
let now = new Date('2026-03-01T10:00:00Z')
let operator: StaffMember
const DAY = 86400_000

beforeEach(async () => {
  now = new Date('2026-03-01T10:00:00Z')
  t = await startPlatform({ clock: () => now })
  operator = t.p.repos.staff.insert({ username: 'op', displayName: 'Op', email: null, role: 'operator', passwordHash: await hashPassword('pw-123456'), enabled: true, createdAt: now.toISOString() })
  await t.parts.host.create({ slug: 'atelier', name: 'Atelier', quotaBytes: 1024, maxAccounts: 5 })
})
afterEach(async () => {
  await t.close()
})

describe('life of a space', () => {
  it('suspends and resumes, refusing reviewers', async () => {
    const reviewer = { ...operator, id: 999, role: 'reviewer' as const }
    expect(() => t.p.lifecycle.suspend(reviewer, 'atelier')).toThrow(Forbidden)
    expect(t.p.lifecycle.suspend(operator, 'atelier', 'abuse report').status).toBe('suspended')
    expect(() => t.parts.host.open('atelier')).toThrow(/suspended/)
    expect(t.p.lifecycle.resume(operator, 'atelier').status).toBe('active')
    expect(t.p.repos.audit.list({ target: 'space:atelier' }).map((a) => a.action)).toEqual(['space.resumed', 'space.suspended'])
  })

  it('changes limits', () => {
    expect(t.p.lifecycle.changeLimits(operator, 'atelier', { maxAccounts: 80 })).toMatchObject({ maxAccounts: 80, quotaBytes: 1024 })
    expect(() => t.p.lifecycle.changeLimits(operator, 'atelier', {})).toThrow(/quotaBytes or maxAccounts/)
  })

  it('deletes with a grace period, restores within it, purges after it', async () => {
    const deleted = await t.p.lifecycle.delete(operator, 'atelier')
    expect(deleted).toMatchObject({ status: 'deleted', purgeAfter: new Date(now.getTime() + 30 * DAY).toISOString() })
    expect(await t.queues.queue('space-lifecycle').getJob('purge-atelier')).toBeTruthy()
    expect(await t.p.lifecycle.purge('atelier')).toBe(false)

    expect((await t.p.lifecycle.restore(operator, 'atelier')).status).toBe('active')
    expect(await t.queues.queue('space-lifecycle').getJob('purge-atelier')).toBeUndefined()

    await t.p.lifecycle.delete(operator, 'atelier')
    now = new Date(now.getTime() + 31 * DAY)
    expect(t.p.lifecycle.duePurges()).toEqual(['atelier'])
    expect(await t.p.lifecycle.purge('atelier')).toBe(true)
    expect(fs.existsSync(t.parts.pool.dir('atelier'))).toBe(false)
    await expect(t.p.lifecycle.restore(operator, 'atelier')).rejects.toThrow(Conflict)
    // A purged name is never handed out again.
    expect(t.p.applications.checkName('atelier')).toMatchObject({ available: false, reason: 'taken' })
  })

  it('records a space admin asking to close their space, once', () => {
    const a = t.p.lifecycle.requestClosure('atelier', 'admin', 'We are dissolving the association.')
    const b = t.p.lifecycle.requestClosure('atelier', 'admin', 'again')
    expect(b.id).toBe(a.id)
    expect(t.p.lifecycle.openClosingRequests()).toHaveLength(1)
  })
})
