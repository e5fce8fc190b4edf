import crypto from 'node:crypto'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { browserSuite } from '../support/browser-suite.ts'
import { LoginPage } from './pages/LoginPage.ts'
import { FilesPage } from './pages/FilesPage.ts'
import { TopBar } from './pages/TopBar.ts'

// The UI must be built first (npm run build:ui); the server serves dist/ui at /assets/.
describe('workspace web UI', () => {
  const host = browserSuite()
  let n = 0
  const admin = { username: 'alice', password: 'alice-password-1' }

  /** A fresh space per test so that tests never see each other's files. */
  async function freshSpace(): Promise<string> {
    return host.space(`ui${++n}${crypto.randomBytes(2).toString('hex')}`, admin, 'Amicale des Pêcheurs')
  }

  it('logs in, uploads, files into a new folder, shares, and the link downloads the same bytes logged out', async () => {
    const page = await host.loggedIn(await freshSpace(), admin, { acceptDownloads: true })

    const files = new FilesPage(page)
    await files.waitForList()
    const content = crypto.randomBytes(300 * 1024)
    await files.upload('report.bin', content)
    await files.createFolder('Minutes 2025')
    await files.moveInto('report.bin', 'Minutes 2025')
    expect(await files.rowNames()).not.toContain('report.bin')
    await files.openFolder('Minutes 2025')
    // The new URL can come before the folder's listing replaces the old one.
    await expect.poll(() => files.rowNames()).toEqual(['report.bin'])
    const shareUrl = await files.createShareLink('report.bin')
    expect(shareUrl).toMatch(/^https?:\/\//)

    const visitor = await host.browser.newPage({ acceptDownloads: true })
    await visitor.goto(shareUrl)
    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.locator('a[download]').first().click()])
    expect(download.suggestedFilename()).toBe('report.bin')
    const saved = await download.path()
    expect(Buffer.compare(fs.readFileSync(saved), content)).toBe(0)
  })

  it('switches the interface to French and back', async () => {
    const spaceUrl = await freshSpace()
    const page = await host.browser.newPage()
    const login = new LoginPage(page)
    await login.open(spaceUrl)
    const top = new TopBar(page)
    await top.switchLanguage()
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    await page.getByRole('button', { name: 'Se connecter' }).waitFor()

    await login.login(admin.username, admin.password)
    await new FilesPage(page).waitForList()
    // Logged in, the account's preference decides; the logged-out cookie carried French over.
    await top.switchLanguage()
    await top.switchLanguage()
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    await expect.poll(() => page.locator('[data-test=new-folder]').innerText()).toContain('Nouveau dossier')
    await expect.poll(() => page.locator('[data-test=upload]').innerText()).toContain('Téléverser')
    expect(await page.title()).toContain('Amicale des Pêcheurs')

    // What the server refuses comes back in French too (the API's answer, not only the page's labels).
    await page.goto(`${spaceUrl}/settings/app-passwords`)
    const deviceName = page.locator('input[data-test=app-password-name], [data-test=app-password-name] input').first()
    await deviceName.fill('t'.repeat(101))
    await deviceName.press('Enter')
    await page.getByText('Le contenu de la requête n’est pas valide : name : 100 caractères au maximum.', { exact: true }).waitFor()
  })

  it('uploads several dropped files, deletes one to the trash and restores it', async () => {
    const page = await host.loggedIn(await freshSpace(), admin)
    const files = new FilesPage(page)
    await files.waitForList()
    await files.drop([{ name: 'a.txt', content: 'first' }, { name: 'b.txt', content: 'second' }])
    await files.deleteToTrash('a.txt')
    await page.locator('[data-test=nav-trash]').click()
    const item = page.locator('[data-test=trash] li[data-test-name="a.txt"]')
    await item.waitFor()
    await item.locator('[data-test=trash-restore]').click()
    await item.waitFor({ state: 'detached' })
    await page.goBack()
    await files.row('a.txt').waitFor()
  })

  it('says why a login failed', async () => {
    const page = await host.browser.newPage()
    const login = new LoginPage(page)
    await login.open(await freshSpace())
    await page.locator('input[data-test=login-username], [data-test=login-username] input').fill(admin.username)
    await page.locator('input[data-test=login-password], [data-test=login-password] input').fill('wrong-password')
    await page.locator('[data-test=login-submit]').click()
    await login.error().waitFor()
    expect(await login.error().innerText()).not.toBe('')
    expect(page.url()).toContain('/login')
  })
})
