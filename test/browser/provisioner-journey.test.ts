import crypto from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureStaffAdmin } from '../../apps/provisioner/src/ensure-staff.ts'
import { launchBrowser, type TestBrowser } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type ParsedMail, type TestSmtp } from '../support/smtp.ts'
import { FilesPage } from './pages/FilesPage.ts'
import { LoginPage } from './pages/LoginPage.ts'

const STAFF_PASSWORD = 'staff-journey-password-1'

/** The public application form at /apply. */
class ApplyPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string, lang: 'en' | 'fr'): Promise<void> {
    await this.page.goto(`${baseUrl}/apply?lang=${lang}`)
    await this.page.locator('form[action="/apply"]').waitFor()
  }

  async fill(a: { organisation: string; slug: string; contactName: string; contactEmail: string }): Promise<void> {
    const p = this.page
    await p.fill('#organisation', a.organisation)
    await p.fill('#slug', a.slug)
    // The live check says the name is free before anyone submits.
    await p.locator('#slug-live').filter({ hasText: `✓ ${a.slug}` }).waitFor()
    await p.selectOption('#structureType', 'association_1901')
    await p.check('input[name=sectors][value=culture]')
    await p.check('input[name=sectors][value=education]')
    await p.fill('#purpose', 'Nous organisons des ateliers de lecture pour les enfants du quartier et une bibliothèque partagée.')
    await p.fill('#yearFounded', '2009')
    await p.fill('#employees', '0')
    await p.fill('#members', '35')
    await p.fill('#beneficiaries', '150')
    await p.selectOption('#budgetBand', 'under_10k')
    await p.fill('#contactName', a.contactName)
    await p.fill('#contactEmail', a.contactEmail)
    await p.check('input[name=charterAccepted]')
  }

  async submit(): Promise<void> {
    await Promise.all([this.page.waitForURL(/\/apply$/), this.page.locator('form[action="/apply"] button[type=submit]').click()])
  }
}

/** The staff console at /admin/. */
class ConsolePage {
  constructor(private readonly page: Page) {}

  async login(baseUrl: string, username: string, password: string): Promise<void> {
    await this.page.goto(`${baseUrl}/admin/`)
    await this.page.waitForURL(/\/admin\/login/)
    await this.page.fill('#username', username)
    await this.page.fill('#password', password)
    await Promise.all([this.page.waitForURL(/\/admin\/(\?.*)?$/), this.page.locator('button[type=submit]').click()])
  }

  /** Finds the application by its organisation in the queue and opens it. */
  async openApplication(organisation: string): Promise<void> {
    await this.page.fill('input[name=search]', organisation)
    await Promise.all([this.page.waitForURL(/search=/), this.page.locator('form[action="/admin/"] button').click()])
    await this.page.locator('table a', { hasText: '#' }).first().click()
    await this.page.locator('#app-status').waitFor()
  }

  async approve(): Promise<void> {
    await Promise.all([this.page.waitForURL(/\/admin\/applications\/\d+$/), this.page.locator('button[name=approve]').click()])
  }

  /** Waits for the live progress bar to reach 100 % and the page to say "ready". */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await this.page.waitForFunction(() => (document.getElementById('progress') as HTMLProgressElement | null)?.value === 100, null, { timeout: timeoutMs })
    // The label follows the console's language; the state itself is in data-status.
    await this.page.locator('#app-status[data-status=ready]').waitFor({ timeout: timeoutMs })
  }
}

const linkIn = (mail: ParsedMail, pattern: RegExp): string => {
  const found = (mail.text ?? '').match(pattern)?.[0]
  if (!found) throw new Error(`no link matching ${pattern} in "${mail.subject}":\n${mail.text}`)
  return found
}

/** Fills the set-password page the activation link opens. */
async function choosePassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link)
  await page.locator('input[data-test=new-password], [data-test=new-password] input').first().fill(password)
  await page.locator('input[data-test=new-password-confirmation], [data-test=new-password-confirmation] input').first().fill(password)
  await page.locator('button[type=submit]').click()
}

describe('provisioner journey in a real browser', () => {
  let smtp: TestSmtp
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    smtp = await startSmtp()
    server = await startTestServer({ SMTP_URL: smtp.url })
    await ensureStaffAdmin(server.server.parts.platformDb, STAFF_PASSWORD)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await smtp?.stop()
  })

  it('apply → confirm by e-mail → staff approve → progress done → activate by e-mail → log in, files and calendar', async () => {
    const n = crypto.randomBytes(3).toString('hex')
    const applicant = { organisation: `Lire Ensemble ${n}`, slug: `lire-${n}`, contactName: 'Inès Dupont', contactEmail: `ines.${n}@example.org` }
    const to = (m: ParsedMail) => [m.to].flat().some((a) => a?.text.includes(applicant.contactEmail))

    // 1. The volunteer applies, in French.
    const visitor = await browser.newPage({ locale: 'fr-FR' })
    const apply = new ApplyPage(visitor)
    await apply.open(server.url, 'fr')
    await apply.fill(applicant)
    await apply.submit()
    await expect.poll(() => visitor.locator('h1').textContent()).toContain('Consultez votre messagerie')

    // 2. The confirmation link arrives through real SMTP and is opened.
    const confirmMail = await smtp.waitFor((m) => to(m) && /Confirmez/.test(m.subject ?? ''), 15_000)
    await visitor.goto(linkIn(confirmMail, /https?:\/\/\S+\/apply\/confirm\/[\w-]+/))
    await expect.poll(() => visitor.locator('body').textContent()).toContain('Votre adresse e-mail est confirmée')

    // 3. A staff member logs into the console and approves; the progress bar reaches done.
    const staffPage = await browser.newPage()
    const staffConsole = new ConsolePage(staffPage)
    await staffConsole.login(server.url, 'staff', STAFF_PASSWORD)
    await staffConsole.openApplication(applicant.organisation)
    expect(await staffPage.locator('#app-status').textContent()).toBe('pending')
    await staffConsole.approve()
    await staffConsole.waitUntilReady()
    await staffPage.locator(`a[href="/s/${applicant.slug}/"]`).waitFor()

    // 4. The welcome mail carries the activation link; the applicant chooses a password there.
    const welcome = await smtp.waitFor((m) => to(m) && /est prêt/.test(m.subject ?? ''), 30_000)
    expect(welcome.text).toContain('Votre identifiant : admin')
    const activation = linkIn(welcome, new RegExp(`https?://\\S+/s/${applicant.slug}/reset/[\\w-]+`))
    const password = `Bibliotheque-${n}-2026`
    const owner = await browser.newPage({ locale: 'fr-FR' })
    await choosePassword(owner, activation, password)
    await owner.locator('.notecard--success').waitFor()
    // The set-password page speaks the applicant's language.
    expect(await owner.locator('html').getAttribute('lang')).toBe('fr')

    // The link is single-use: opened again, it refuses a second password.
    const stranger = await browser.newPage({ locale: 'fr-FR' })
    await choosePassword(stranger, activation, 'Someone-else-2026')
    await stranger.locator('.notecard--error').waitFor()

    // 5. Logs into the new space: the default folders (in French) and the association calendar are there.
    const login = new LoginPage(owner)
    await login.open(server.spaceUrl(applicant.slug))
    await login.login('admin', password)
    const files = new FilesPage(owner)
    await files.waitForList()
    await expect.poll(() => files.rowNames()).toEqual(expect.arrayContaining(['Documents', 'Photos', 'Partage']))
    await owner.goto(`${server.spaceUrl(applicant.slug)}/apps/calendar/`)
    await owner.locator(`[data-test-calendar="${applicant.organisation}"]`).waitFor()
    await owner.locator('[data-test=calendar] .fc-daygrid-day[data-date], [data-test=calendar] .fc-timegrid, [data-test=calendar] .fc-list').first().waitFor()

    // Exactly one welcome mail, and the space is active in the registry.
    expect(smtp.messages.filter((m) => to(m) && /est prêt/.test(m.subject ?? '')).length).toBe(1)
    expect(server.server.parts.registry.get(applicant.slug)?.status).toBe('active')
  }, 120_000)
})
