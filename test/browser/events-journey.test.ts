/**
 * The events must-show: an organiser creates a public event (capacity 2, tag "accueil") in the UI; three people
 * sign up logged out and confirm by e-mail; the third waits; one cancels with the e-mailed link; the third is
 * promoted and told; the organiser's CSV holds the two right names. On the way, the event's poster is downloaded.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type ParsedMail, type TestSmtp } from '../support/smtp.ts'
import { LoginPage } from './pages/LoginPage.ts'

let server: TestServer
let smtp: TestSmtp
let browser: TestBrowser
const admin = { username: 'orga', password: 'orga-password-1' }

beforeAll(async () => {
  smtp = await startSmtp()
  server = await startTestServer({ SMTP_URL: smtp.url })
  await server.createSpace('accueil', { admin, name: 'Collectif Climat' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await smtp?.stop()
})

const linkIn = (mail: ParsedMail, pattern: RegExp): string => {
  const found = (mail.text ?? '').match(pattern)
  if (!found) throw new Error(`no link matching ${pattern} in: ${mail.text}`)
  return found[0]
}
const to = (address: string) => (m: ParsedMail) => m.to !== undefined && JSON.stringify(m.to).includes(address)

async function signUp(eventUrl: string, name: string, email: string): Promise<void> {
  const page = await browser.newPage()
  await page.goto(eventUrl)
  await page.fill('form.signup input[name=name]', name)
  await page.fill('form.signup input[name=email]', email)
  await page.locator('form.signup button[type=submit]').click()
  await page.waitForLoadState()
  const mail = await smtp.waitFor((m) => to(email)(m) && /confirm/i.test(m.subject ?? ''), 20_000)
  await page.goto(linkIn(mail, /https?:\/\/\S+\/p\/registrations\/confirm\/[A-Za-z0-9_.-]+/))
  await page.locator('form button[type=submit]').click()
  await page.waitForLoadState()
}

async function createEventInUi(page: Page): Promise<string> {
  await page.goto(`${server.spaceUrl('accueil')}/apps/events/new`)
  await page.fill('[data-test=ev-title]', 'Réunion accueil <b>nouveaux</b>')
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  await page.fill('[data-test=ev-start]', `${day}T19:00`)
  await page.fill('[data-test=ev-end]', `${day}T21:00`)
  await page.fill('#ev-address', '12 rue de la République, Lyon')
  await page.fill('[data-test=ev-tags]', 'accueil')
  await page.fill('[data-test=ev-capacity]', '2')
  await page.locator('[data-test=ev-save]').click()
  await page.locator('[data-test=event-title]').waitFor({ timeout: 30_000 })
  return (await page.locator('[data-test=public-link]').getAttribute('href'))!
}

/** The event page's poster buttons: the visuals app draws the event's poster as PNG and as a PDF with its title as text. */
async function downloadPosters(page: Page): Promise<void> {
  const [png] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-test=poster-png]').click()])
  const pngBytes = fs.readFileSync(await png.path())
  expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect(png.suggestedFilename()).toMatch(/\.png$/)
  const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-test=poster-pdf]').click()])
  const pdfPath = await pdf.path()
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Réunion accueil')
}

it('runs the sign-up journey from the organiser\'s form to the CSV export', async () => {
  const orga = await browser.newPage({ acceptDownloads: true, locale: 'en-GB' })
  const login = new LoginPage(orga)
  await login.open(server.spaceUrl('accueil'))
  await login.login(admin.username, admin.password)
  const eventUrl = await createEventInUi(orga)
  expect(eventUrl).toMatch(/\/s\/accueil\/p\/events\/[A-Za-z0-9_-]+$/)
  await downloadPosters(orga)

  await signUp(eventUrl, 'Awa Diallo', 'awa@example.org')
  await signUp(eventUrl, 'Bruno Petit', 'bruno@example.org')
  await signUp(eventUrl, 'Chloé Martin', 'chloe@example.org')
  await smtp.waitFor((m) => to('chloe@example.org')(m) && /waiting list/i.test(m.subject ?? ''), 20_000)

  // Bruno cancels with the link of his confirmation e-mail; Chloé is promoted and told.
  const confirmed = await smtp.waitFor((m) => to('bruno@example.org')(m) && /confirmed/i.test(m.subject ?? ''), 20_000)
  const visitor = await browser.newPage()
  await visitor.goto(linkIn(confirmed, /https?:\/\/\S+\/p\/registrations\/(?!confirm\/)[A-Za-z0-9_.-]+/))
  await visitor.locator('form button[type=submit]').click()
  await visitor.waitForLoadState()
  await smtp.waitFor((m) => to('chloe@example.org')(m) && /seat freed up/i.test(m.subject ?? ''), 20_000)

  await orga.reload()
  await orga.locator('[data-test=participants-confirmed]').waitFor()
  const [download] = await Promise.all([orga.waitForEvent('download'), orga.locator('[data-test=export-csv]').click()])
  const csv = fs.readFileSync(await download.path(), 'utf8')
  expect(csv).toContain('Awa Diallo')
  expect(csv).toContain('Chloé Martin')
  const confirmedRows = csv.split(/\r?\n/).filter((l) => /confirmed/i.test(l))
  expect(confirmedRows.map((l) => l.match(/Awa Diallo|Bruno Petit|Chloé Martin/)?.[0]).sort()).toEqual(['Awa Diallo', 'Chloé Martin'])
}, 240_000)

it('shows the organiser views in French for a French browser', async () => {
  const page = await browser.newPage({ locale: 'fr-FR' })
  const login = new LoginPage(page)
  await login.open(server.spaceUrl('accueil'))
  await login.login(admin.username, admin.password)
  await page.goto(`${server.spaceUrl('accueil')}/apps/events/`)
  await expect(page.getByRole('button', { name: 'Nouvel événement' }).or(page.getByRole('link', { name: 'Nouvel événement' })).first().isVisible()).resolves.toBe(true)
  await page.locator('[data-test=event-list]').waitFor()
  expect(await page.locator('[data-test=event-list]').innerText()).toContain('Réunion accueil')
}, 120_000)
