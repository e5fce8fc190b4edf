import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, startHarness, startRedis, type Harness } from './harness.ts'

let redis: Awaited<ReturnType<typeof startRedis>>
let h: Harness
let admin: Browser

beforeAll(async () => {
  redis = await startRedis()
  h = await startHarness(redis.url)
  admin = new Browser(h, '203.0.113.40')
  expect((await admin.login('admin', 'admin-password-1')).status).toBe(200)
}, 30_000)

afterAll(async () => {
  await h?.close()
  await redis?.stop()
})

describe('invitations', () => {
  it('invites by e-mail, the link creates the account once and logs it in', async () => {
    h.mails.length = 0
    const res = await admin.fetch('/invitations', { method: 'POST', body: { email: 'carol@example.org', role: 'member', language: 'fr' } })
    expect(res.status).toBe(201)
    const invitation = (await res.json()) as { id: number; expiresAt: string }
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000)
    expect(h.mails).toHaveLength(1)
    expect(h.mails[0]!.subject).toContain('Invitation à rejoindre Les Amis du Quartier')
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(h.mails[0]!.text)![1]!

    const visitor = new Browser(h, '203.0.113.41')
    const info = await visitor.fetch(`/invitations/${token}`)
    expect(await info.json()).toEqual({ email: 'carol@example.org', spaceName: 'Les Amis du Quartier' })
    await visitor.anonymousToken()
    const bad = await visitor.fetch(`/invitations/${token}/accept`, { method: 'POST', body: { username: '.carol', password: 'carol-password-1' } })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'username' }] })
    const ok = await visitor.fetch(`/invitations/${token}/accept`, { method: 'POST', body: { username: 'carol', displayName: 'Carol', password: 'carol-password-1' } })
    expect(ok.status).toBe(201)
    expect((await (await visitor.fetch('/me')).json()) as object).toMatchObject({ username: 'carol', email: 'carol@example.org', role: 'member', language: 'fr' })
    const reused = await new Browser(h, '203.0.113.42').fetch(`/invitations/${token}`)
    expect(reused.status).toBe(410)
  })

  it('revokes an invitation so its link no longer works', async () => {
    h.mails.length = 0
    const res = await admin.fetch('/invitations', { method: 'POST', body: { email: 'dan@example.org', role: 'member' } })
    const { id } = (await res.json()) as { id: number }
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(h.mails[0]!.text)![1]!
    const list = (await (await admin.fetch('/invitations')).json()) as { invitations: { id: number }[] }
    expect(list.invitations.map((i) => i.id)).toContain(id)
    expect((await admin.fetch(`/invitations/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await admin.fetch(`/invitations/${token}`)).status).toBe(410)
  })
})

describe('roles, deletion and the last admin', () => {
  it('a member cannot administer', async () => {
    const carol = new Browser(h, '203.0.113.43')
    await carol.login('carol', 'carol-password-1')
    const res = await carol.fetch('/accounts')
    expect(res.status).toBe(403)
  })

  it('the last admin cannot demote, disable or delete themselves', async () => {
    const me = (await (await admin.fetch('/accounts')).json()) as { accounts: { id: number; username: string }[] }
    const adminId = me.accounts.find((a) => a.username === 'admin')!.id
    const demote = await admin.fetch(`/accounts/${adminId}`, { method: 'PATCH', body: { role: 'member' } })
    expect(demote.status).toBe(409)
    expect(await demote.json()).toMatchObject({ code: 'last_admin' })
    expect((await admin.fetch(`/accounts/${adminId}`, { method: 'PATCH', body: { enabled: false } })).status).toBe(409)
    expect((await admin.fetch(`/accounts/${adminId}?files=delete`, { method: 'DELETE' })).status).toBe(409)
    expect((await admin.fetch('/me')).status).toBe(200)
  })

  it('deletes an account, moving its files to the admin', async () => {
    const created = await admin.fetch('/accounts', { method: 'POST', body: { username: 'erin', role: 'member', password: 'erin-password-1' } })
    const { id } = (await created.json()) as { id: number }
    fs.mkdirSync(path.join(h.dir, 'files', 'erin'), { recursive: true })
    fs.writeFileSync(path.join(h.dir, 'files', 'erin', 'notes.txt'), 'hello')
    const noMode = await admin.fetch(`/accounts/${id}`, { method: 'DELETE' })
    expect(noMode.status).toBe(400)
    expect(await noMode.json()).toMatchObject({ errors: [{ path: 'files' }] })
    expect((await admin.fetch(`/accounts/${id}?files=transfer`, { method: 'DELETE' })).status).toBe(204)
    expect(fs.readFileSync(path.join(h.dir, 'files', 'admin', 'Transferred from erin', 'notes.txt'), 'utf8')).toBe('hello')
    expect((await new Browser(h, '203.0.113.44').login('erin', 'erin-password-1')).status).toBe(401)
  })

  it('disabling an account ends its sessions and its logins', async () => {
    const carol = new Browser(h, '203.0.113.45')
    await carol.login('carol', 'carol-password-1')
    const list = (await (await admin.fetch('/accounts')).json()) as { accounts: { id: number; username: string }[] }
    const carolId = list.accounts.find((a) => a.username === 'carol')!.id
    expect((await admin.fetch(`/accounts/${carolId}`, { method: 'PATCH', body: { enabled: false } })).status).toBe(200)
    expect((await carol.fetch('/me')).status).toBe(401)
    expect((await new Browser(h, '203.0.113.46').login('carol', 'carol-password-1')).status).toBe(401)
  })
})

describe('account limit', () => {
  it('refuses the 51st account with a clear message, counting pending invitations', async () => {
    const count = () => (h.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n
    // One pending invitation holds a seat.
    expect((await admin.fetch('/invitations', { method: 'POST', body: { email: 'pending@example.org', role: 'member' } })).status).toBe(201)
    const creations = []
    for (let i = 0; count() + creations.length < 49; i++) {
      creations.push(admin.fetch('/accounts', { method: 'POST', body: { username: `m${i}`, role: 'member', password: 'member-password' } }))
    }
    for (const r of await Promise.all(creations)) expect(r.status).toBe(201)
    expect(count()).toBe(49)
    const withPending = await admin.fetch('/accounts', { method: 'POST', body: { username: 'one-too-many', role: 'member', password: 'member-password' } })
    expect(withPending.status).toBe(403)
    expect(await withPending.json()).toMatchObject({ code: 'limit_reached' })

    const inv = (await (await admin.fetch('/invitations')).json()) as { invitations: { id: number; email: string }[] }
    await admin.fetch(`/invitations/${inv.invitations.find((i) => i.email === 'pending@example.org')!.id}`, { method: 'DELETE' })
    // Two racing creations for the last seat: exactly one wins.
    const race = await Promise.all(['last-a', 'last-b'].map((u) => admin.fetch('/accounts', { method: 'POST', body: { username: u, role: 'member', password: 'member-password' } })))
    expect(race.map((r) => r.status).sort()).toEqual([201, 403])
    expect(count()).toBe(50)
    const res = await admin.fetch('/accounts', { method: 'POST', body: { username: 'fiftyfirst', role: 'member', password: 'member-password' } })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'limit_reached', detail: 'This space already has 50 accounts, the most it may have.' })
    const listed = (await (await admin.fetch('/accounts')).json()) as { limits: { maxAccounts: number; used: number } }
    expect(listed.limits).toEqual({ maxAccounts: 50, used: 50 })
  }, 60_000)
})
