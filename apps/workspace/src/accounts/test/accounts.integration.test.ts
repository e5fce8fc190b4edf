import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, basic, startHarness, startRedis, type Harness } from './harness.ts'

let redis: Awaited<ReturnType<typeof startRedis>>
let h: Harness

beforeAll(async () => {
  redis = await startRedis()
  h = await startHarness(redis.url)
}, 30_000)

afterAll(async () => {
  await h?.close()
  await redis?.stop()
})

describe('login and sessions', () => {
  it('logs in by username or e-mail, sets a scoped HttpOnly cookie, and logs out', async () => {
    const b = new Browser(h)
    const res = await b.login('admin', 'admin-password-1')
    expect(res.status).toBe(200)
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('maison_session='))!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(setCookie).toMatch(/Path=\/s\/demo\//)
    const me = await b.fetch('/me')
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ username: 'admin', role: 'admin', email: 'admin@example.org' })

    const byEmail = await new Browser(h).login('ADMIN@example.org', 'admin-password-1')
    expect(byEmail.status).toBe(200)

    expect((await b.fetch('/session', { method: 'DELETE' })).status).toBe(204)
    expect((await b.fetch('/me')).status).toBe(401)
  })

  it('refuses a wrong password with invalid_credentials', async () => {
    const res = await new Browser(h, '198.51.100.1').login('admin', 'wrong-password')
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    expect(await res.json()).toMatchObject({ code: 'invalid_credentials' })
  })

  it('refuses unsafe cookie requests without the CSRF token, and public POSTs without a valid token or from another origin', async () => {
    const b = new Browser(h)
    await b.login('admin', 'admin-password-1')
    const noToken = await b.fetch('/me', { method: 'PATCH', body: { displayName: 'X' }, token: false })
    expect(noToken.status).toBe(403)
    expect(await noToken.json()).toMatchObject({ code: 'csrf_check_failed' })
    const wrong = await b.fetch('/me', { method: 'PATCH', body: { displayName: 'X' }, headers: { requesttoken: 'nope' } })
    expect(wrong.status).toBe(403)
    const ok = await b.fetch('/me', { method: 'PATCH', body: { displayName: 'Ada A.' } })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ displayName: 'Ada A.' })

    const anon = new Browser(h, '198.51.100.2')
    const forged = await anon.fetch('/session', { method: 'POST', body: { username: 'admin', password: 'admin-password-1' }, headers: { requesttoken: 'abc.def' } })
    expect(forged.status).toBe(403)
    await anon.anonymousToken()
    const crossSite = await anon.fetch('/session', { method: 'POST', body: { username: 'admin', password: 'admin-password-1' }, headers: { origin: 'https://evil.example' } })
    expect(crossSite.status).toBe(403)
    expect(await crossSite.json()).toMatchObject({ code: 'csrf_check_failed' })
  })

  it('names the field in validation errors', async () => {
    const b = new Browser(h, '198.51.100.3')
    await b.anonymousToken()
    const res = await b.fetch('/session', { method: 'POST', body: { username: '' } })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { path: string }[] }
    expect(body.errors.map((e) => e.path).sort()).toEqual(['password', 'username'])
  })
})

describe('throttling of failed logins', () => {
  it('grows the delay per address, answers 429 with Retry-After, and does not lock the owner out from another address', async () => {
    await h.redis.ping()
    const attacker = new Browser(h, '192.0.2.66')
    await attacker.anonymousToken()
    const times: number[] = []
    let limited: Response | undefined
    for (let i = 0; i < 8 && !limited; i++) {
      const t0 = Date.now()
      const res = await attacker.fetch('/session', { method: 'POST', body: { username: 'admin', password: `guess-${i}` } })
      times.push(Date.now() - t0)
      if (res.status === 429) limited = res
      else expect(res.status).toBe(401)
    }
    expect(limited, 'the attacker was never answered 429').toBeDefined()
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(2)
    expect((await limited!.json()) as object).toMatchObject({ code: 'too_many_requests' })
    // Later attempts waited longer than the first (the delay grows).
    expect(Math.max(...times.slice(2))).toBeGreaterThan(times[0]! + 300)
    // Until the wait is over, the address is refused even with the right password.
    const still = await attacker.fetch('/session', { method: 'POST', body: { username: 'admin', password: 'admin-password-1' } })
    expect(still.status).toBe(429)

    // The owner, elsewhere, is let in (not refused with 429 for the attacker's address).
    const owner = new Browser(h, '203.0.113.99')
    const res = await owner.login('admin', 'admin-password-1')
    expect(res.status).toBe(200)
  }, 60_000)
})

describe('app passwords', () => {
  it('creates one, uses it over Basic, lists its last use and revokes it', async () => {
    const b = new Browser(h, '203.0.113.20')
    await b.login('admin', 'admin-password-1')
    const created = await b.fetch('/me/app-passwords', { method: 'POST', body: { name: 'DAVx5 phone' } })
    expect(created.status).toBe(201)
    const app = (await created.json()) as { id: number; loginName: string; password: string }
    expect(app.password).toMatch(/^[A-Za-z0-9]{72}$/)
    expect(app.loginName).toBe('admin')

    const viaBasic = await fetch(`${h.api}/me`, { headers: { authorization: basic('admin', app.password) } })
    expect(viaBasic.status).toBe(200)
    // No CSRF token needed with Basic.
    const patch = await fetch(`${h.api}/me`, { method: 'PATCH', headers: { authorization: basic('admin', app.password), 'content-type': 'application/json' }, body: JSON.stringify({ language: 'fr' }) })
    expect(patch.status).toBe(200)

    const list = (await (await b.fetch('/me/app-passwords')).json()) as { appPasswords: { id: number; name: string; lastUsedAt: string | null }[] }
    expect(list.appPasswords).toHaveLength(1)
    expect(list.appPasswords[0]).toMatchObject({ id: app.id, name: 'DAVx5 phone' })
    expect(list.appPasswords[0]!.lastUsedAt).not.toBeNull()
    const stored = h.db.prepare('SELECT token_hash FROM account_app_passwords').get() as { token_hash: string }
    expect(stored.token_hash).not.toContain(app.password)

    expect((await b.fetch(`/me/app-passwords/${app.id}`, { method: 'DELETE' })).status).toBe(204)
    const after = await fetch(`${h.api}/me`, { headers: { authorization: basic('admin', app.password), 'x-forwarded-for': '203.0.113.21' } })
    expect(after.status).toBe(401)
    expect(after.headers.get('www-authenticate')).toBe('Basic realm="Maison", charset="UTF-8"')
  })

  it('accepts the account password over Basic too', async () => {
    const res = await fetch(`${h.api}/me`, { headers: { authorization: basic('admin', 'admin-password-1'), 'x-forwarded-for': '203.0.113.22' } })
    expect(res.status).toBe(200)
  })
})

describe('password change and reset', () => {
  it('changes the password only with the current one', async () => {
    const b = new Browser(h, '203.0.113.30')
    await b.login('admin', 'admin-password-1')
    await b.fetch('/accounts', { method: 'POST', body: { username: 'bob', email: 'bob@example.org', role: 'member', password: 'bob-password-1' } })
    const bob = new Browser(h, '203.0.113.31')
    expect((await bob.login('bob', 'bob-password-1')).status).toBe(200)
    const wrong = await bob.fetch('/me/password', { method: 'POST', body: { currentPassword: 'nope-nope', newPassword: 'bob-password-2' } })
    expect(wrong.status).toBe(403)
    expect(await wrong.json()).toMatchObject({ code: 'wrong_password' })
    const ok = await bob.fetch('/me/password', { method: 'POST', body: { currentPassword: 'bob-password-1', newPassword: 'bob-password-2' } })
    expect(ok.status).toBe(204)
    expect((await bob.fetch('/me')).status).toBe(200)
  })

  it('resets by e-mail link: single use, ends every session', async () => {
    const bob = new Browser(h, '203.0.113.32')
    expect((await bob.login('bob', 'bob-password-2')).status).toBe(200)
    const anon = new Browser(h, '203.0.113.33')
    await anon.anonymousToken()
    h.mails.length = 0
    expect((await anon.fetch('/password-reset', { method: 'POST', body: { login: 'nobody-here' } })).status).toBe(202)
    expect(h.mails).toHaveLength(0)
    expect((await anon.fetch('/password-reset', { method: 'POST', body: { login: 'bob@example.org' } })).status).toBe(202)
    expect(h.mails).toHaveLength(1)
    const mail = h.mails[0]!
    expect(mail.to).toBe('bob@example.org')
    expect(mail.html).toContain('<a href=')
    const link = /\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!
    expect(mail.text).toContain(`${h.space.baseUrl}/reset/${link}`)

    const weak = await anon.fetch(`/password-reset/${link}`, { method: 'POST', body: { password: 'short' } })
    expect(weak.status).toBe(400)
    expect(await weak.json()).toMatchObject({ errors: [{ path: 'password' }] })
    expect((await anon.fetch(`/password-reset/${link}`, { method: 'POST', body: { password: 'bob-password-3' } })).status).toBe(204)
    const again = await anon.fetch(`/password-reset/${link}`, { method: 'POST', body: { password: 'bob-password-4' } })
    expect(again.status).toBe(410)
    expect(await again.json()).toMatchObject({ code: 'link_expired' })
    expect((await bob.fetch('/me')).status).toBe(401)
    expect((await new Browser(h, '203.0.113.34').login('bob', 'bob-password-3')).status).toBe(200)
  })
})
