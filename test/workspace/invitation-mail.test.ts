import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type TestSmtp } from '../support/smtp.ts'

let t: TestServer
let smtp: TestSmtp
const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')
const admin = basic('admin', 'mail-password-1')

async function pageToken(url: string) {
  const page = await fetch(url, { headers: { accept: 'text/html' } })
  const token = /data-requesttoken="([^"]+)"/.exec(await page.text())![1]!
  return { requesttoken: token, cookie: page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), origin: t.url }
}

beforeAll(async () => {
  smtp = await startSmtp()
  t = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Maison <noreply@maison.test>' })
  await t.createSpace('cafe', { name: 'Café associatif', admin: { username: 'admin', password: 'mail-password-1', email: 'admin@cafe.test' } })
})
afterAll(async () => {
  await t?.close()
  await smtp?.stop()
})

describe('invitations by e-mail through the mail queue and a real SMTP listener', () => {
  it('invites, mails the link once, and lets the invitee choose a password and log in', async () => {
    const res = await fetch(`${t.spaceUrl('cafe')}/api/v1/invitations`, {
      method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'louise@example.org', role: 'member', language: 'fr' }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes('louise@example.org'), 20_000)
    expect(mail.subject).toMatch(/Café associatif/)
    const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0]
    expect(link.startsWith(t.spaceUrl('cafe'))).toBe(true)

    const csrf = await pageToken(link)
    const token = link.split('/invite/')[1]
    const accept = await fetch(`${t.spaceUrl('cafe')}/api/v1/invitations/${token}/accept`, {
      method: 'POST', headers: { ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'louise', displayName: 'Louise', password: 'louise-password-1' }),
    })
    expect(accept.status, await accept.clone().text()).toBe(201)
    const again = await fetch(`${t.spaceUrl('cafe')}/api/v1/invitations/${token}/accept`, {
      method: 'POST', headers: { ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'louise2', displayName: 'Louise', password: 'louise-password-1' }),
    })
    expect(again.status).toBe(410)
    const dav = await fetch(`${t.spaceUrl('cafe')}/remote.php/dav/files/louise/`, { method: 'PROPFIND', headers: { authorization: basic('louise', 'louise-password-1'), depth: '1' } })
    expect(dav.status).toBe(207)
    expect(await dav.text()).toContain('/remote.php/dav/files/louise/Association/')
    // The mail job ran once: one message to the invitee.
    await new Promise((r) => setTimeout(r, 500))
    expect(smtp.messages.filter((m) => JSON.stringify(m.to ?? '').includes('louise@example.org'))).toHaveLength(1)
  })
})
