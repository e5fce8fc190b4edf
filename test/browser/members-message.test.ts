import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type ParsedMail, type TestSmtp } from '../support/smtp.ts'
import { LoginPage } from './pages/LoginPage.ts'
import { MembersApp } from './members-pages.ts'

// The UI must be built first (npx vite build); the server serves dist/ui at /assets/.
const admin = { username: 'alice', password: 'alice-password-1' }
const to = (m: ParsedMail) => [m.to].flat().map((a) => (a as { text?: string } | undefined)?.text ?? '').join(',')

describe('a message to a selection, from the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let smtp: TestSmtp
  const slug = 'letters'
  const basic = 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64')
  const api = (p: string, body?: unknown) =>
    fetch(`${server.spaceUrl(slug)}/apps/members/api${p}`, {
      method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined, headers: { authorization: basic, 'content-type': 'application/json' },
    })

  beforeAll(async () => {
    smtp = await startSmtp()
    server = await startTestServer({ SMTP_URL: smtp.url })
    await server.createSpace(slug, { admin: { ...admin, email: 'alice@example.org' }, name: 'Chorale' })
    for (const [first, email] of [['Ana', 'ana@example.org'], ['Ben', 'ben@example.org'], ['Cid', null]] as const) {
      expect((await api('/members', { firstName: first, lastName: 'Voix', email })).status).toBe(201)
    }
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await smtp?.stop()
  })

  it('a retry after a lost answer sends the same request id and mails nobody twice; the progress shows the job', async () => {
    const page = await browser.newPage({ locale: 'en-GB' })
    const login = new LoginPage(page)
    await login.open(server.spaceUrl(slug))
    await login.login(admin.username, admin.password)
    const app = new MembersApp(page, server.spaceUrl(slug))
    const numbers = ((await (await api('/members?sort=number')).json()) as { members: { number: string }[] }).members.map((m) => m.number)

    // The first answer is lost on the way back: the server stored the message and started its job.
    const requestIds: string[] = []
    let lose = true
    await page.route('**/apps/members/api/members/bulk/message', async (route) => {
      requestIds.push(route.request().postDataJSON().requestId)
      if (!lose) return route.continue()
      lose = false
      const answer = await route.fetch()
      expect(answer.status()).toBe(202)
      await route.abort('connectionreset')
    })
    await app.selectMembers(numbers)
    await app.composeMessage('Rehearsal {{firstName}}', 'Hello {{name}}, rehearsal on Tuesday.')
    await app.sendMessage()
    await page.locator('[role=alert]').first().waitFor()
    await app.sendMessage()
    await app.messageProgress().and(page.locator('[data-state=sent]')).waitFor({ timeout: 15_000 })
    expect(await app.messageProgress().innerText()).toContain('for 2 members')
    expect(requestIds).toHaveLength(2)
    expect(requestIds[1]).toBe(requestIds[0])

    await smtp.waitFor((m) => to(m) === 'ben@example.org')
    await smtp.waitFor((m) => to(m) === 'ana@example.org')
    await new Promise((r) => setTimeout(r, 1500))
    expect(smtp.messages.map(to).sort()).toEqual(['ana@example.org', 'ben@example.org'])
    expect(smtp.messages.find((m) => to(m) === 'ana@example.org')!.subject).toBe('Rehearsal Ana')
    expect(((await (await api('/messages')).json()) as { messages: unknown[] }).messages).toHaveLength(1)

    // A new message gets a new request id.
    await app.composeMessage('Concert', 'See you {{firstName}}')
    await app.sendMessage()
    await smtp.waitFor((m) => m.subject === 'Concert' && to(m) === 'ana@example.org')
    expect(requestIds).toHaveLength(3)
    expect(requestIds[2]).not.toBe(requestIds[0])
  }, 120_000)
})
