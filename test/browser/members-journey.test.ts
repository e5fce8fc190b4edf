import fs from 'node:fs'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type ParsedMail, type TestSmtp } from '../support/smtp.ts'
import { LoginPage } from './pages/LoginPage.ts'
import { MembersApp } from './members-pages.ts'

// The UI must be built first (npm run build:ui); the server serves dist/ui at /assets/.
const admin = { username: 'alice', password: 'alice-password-1' }
const bob = { username: 'bob', password: 'bob-password-1' }
const BAD_LINES = { 100: 'email', 250: 'date', 400: 'category' } as Record<number, string>

/** 500 members over two categories; rows 100, 250 and 400 are wrong (file lines 101, 251, 401). */
function membersCsv(): Buffer {
  const lines = ["Numéro;Prénom;Nom;E-mail;Catégorie;Date d'adhésion;Langue"]
  for (let i = 1; i <= 500; i++) {
    const bad = BAD_LINES[i]
    lines.push([
      String(i), `Prénom${i}`, `Famille${i}`, bad === 'email' ? 'pas-un-email' : `m${i}@example.org`,
      bad === 'category' ? 'Inconnue' : i % 2 ? 'Actifs' : 'Soutiens', bad === 'date' ? '31/02/2026' : '03/01/2026', i === 2 ? 'en' : 'fr',
    ].join(';'))
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')
}

const to = (m: ParsedMail) => [m.to].flat().map((a) => (a as { text?: string } | undefined)?.text ?? '').join(',')

describe('members journey in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let smtp: TestSmtp
  let now = new Date('2026-01-05T09:00:00Z')
  const slug = 'journey'
  const basic = 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64')
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${server.spaceUrl(slug)}${p}`, { ...init, headers: { authorization: basic, 'content-type': 'application/json', ...init.headers } })

  beforeAll(async () => {
    smtp = await startSmtp()
    server = await startTestServer({ SMTP_URL: smtp.url }, { clock: () => now })
    await server.createSpace(slug, { admin: { ...admin, email: 'alice@example.org' }, name: 'Club de voile' })
    const res = await api('/api/v1/accounts', { method: 'POST', body: JSON.stringify({ ...bob, role: 'member', email: 'm2@example.org' }) })
    expect(res.status).toBe(201)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await smtp?.stop()
  })

  /** A page logged in as someone (sessions follow the moved clock, so each step logs in afresh). */
  async function loggedIn(who: { username: string; password: string }) {
    const page = await browser.newPage({ acceptDownloads: true, locale: 'fr-FR' })
    const login = new LoginPage(page)
    await login.open(server.spaceUrl(slug))
    await login.login(who.username, who.password)
    return { page, app: new MembersApp(page, server.spaceUrl(slug)) }
  }

  async function runRemindersTwice(app: MembersApp, expected: string[]): Promise<void> {
    await app.runReminders()
    for (const address of expected) await smtp.waitFor((m) => to(m) === address)
    await app.runReminders()
    // Give a wrongly repeated mail time to arrive before counting.
    await new Promise((r) => setTimeout(r, 2500))
  }

  it('categories, a yearly activity, a 500-line import, payments, reminders once each, and a card that expires', async () => {
    const { app } = await loggedIn(admin)
    await app.addCategory('Actifs')
    await app.addCategory('Soutiens')
    await app.addSeasonActivity('Adhésion 2026', '2026-01-01', '2026-12-31', [{ category: 'Actifs', amount: '30' }, { category: 'Soutiens', amount: '50' }])
    await app.addReminder('Adhésion 2026', -30)
    await app.addReminder('Adhésion 2026', 7)

    const bad = await app.previewImport('adherents.csv', membersCsv())
    expect(bad).toEqual([101, 251, 401])
    expect(await app.importButton().isDisabled()).toBe(true)
    expect((await (await api('/apps/members/api/members?perPage=1')).json()).total).toBe(0)
    expect(await app.importSkippingBadLines()).toMatch(/497/)
    expect((await (await api('/apps/members/api/members?perPage=1')).json()).total).toBe(497)

    await app.openMember('m1@example.org', '1')
    await app.recordPayment('2026-01-05', 'cheque')
    await app.openMember('m2@example.org', '2')
    await app.recordPayment('2026-01-06', 'transfer')
    await app.linkAccount(bob.username)
    // Member 3 paid too but asked for no reminders: the right reminders go to 1 and 2 only.
    const m3 = (await (await api('/apps/members/api/members?q=m3@example.org')).json()).members[0]
    await api(`/apps/members/api/members/${m3.id}`, { method: 'PATCH', body: JSON.stringify({ remindersOptOut: true }) })
    expect((await api(`/apps/members/api/members/${m3.id}/payments`, { method: 'POST', body: JSON.stringify({ activityId: 1, amountCents: 3000, paidOn: '2026-01-07', method: 'cash' }) })).status).toBe(201)

    now = new Date('2026-12-01T08:00:00Z')
    const day1 = await loggedIn(admin)
    await runRemindersTwice(day1.app, ['m1@example.org', 'm2@example.org'])
    expect(smtp.messages.map(to).sort()).toEqual(['m1@example.org', 'm2@example.org'])
    expect(smtp.messages.find((m) => to(m) === 'm1@example.org')!.subject).toBe('Votre adhésion à Club de voile expire le 31 décembre 2026')
    expect(smtp.messages.find((m) => to(m) === 'm2@example.org')!.subject).toBe('Your membership of Club de voile expires on 31 December 2026')

    const member = await loggedIn(bob)
    await member.page.goto(`${server.spaceUrl(slug)}/apps/members/`)
    await member.page.waitForURL(/\/apps\/members\/me$/)
    const download = await member.app.downloadOwnCard()
    const png = PNG.sync.read(fs.readFileSync(await download.path()))
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(qr?.data).toMatch(new RegExp(`^${server.spaceUrl(slug)}/p/members/verify/[A-Za-z0-9_-]+$`))
    const verify = async () => (await (await fetch(qr!.data, { headers: { accept: 'application/json' } })).json()) as { valid: boolean; validUntil: string | null }
    expect(await verify()).toEqual({ valid: true, validUntil: '2026-12-31' })
    const html = await (await fetch(qr!.data, { headers: { 'accept-language': 'fr' } })).text()
    expect(html).toContain('Valide jusqu’au 31 décembre 2026')
    expect(html).not.toMatch(/Famille2|m2@example/)

    now = new Date('2027-01-08T08:00:00Z')
    expect(await verify()).toEqual({ valid: false, validUntil: null })
    expect(await (await fetch(qr!.data)).text()).toContain('Expirée')
    const day2 = await loggedIn(admin)
    await runRemindersTwice(day2.app, [])
    await expect.poll(() => smtp.messages.length, { timeout: 10_000 }).toBe(4)
    await new Promise((r) => setTimeout(r, 1500))
    expect(smtp.messages.map(to).sort()).toEqual(['m1@example.org', 'm1@example.org', 'm2@example.org', 'm2@example.org'])
    const log = await (await api(`/apps/members/api/members/${m3.id}/reminders`)).json()
    expect(log.reminders).toEqual([])
  }, 300_000)
})
