import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { browserSuite } from '../support/browser-suite.ts'
import { FilesPage } from './pages/FilesPage.ts'
import { VisualsPage } from './visuals-pages.ts'
import { solidPng } from '../visuals/images.ts'

// The UI must be built first (npm run build:ui); the server serves dist/ui at /assets/.
describe('visuals journey in the browser', () => {
  const host = browserSuite()
  const admin = { username: 'alice', password: 'alice-password-1' }
  const auth = 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64')

  it('makes a poster from a template and finds its PNG and PDF in Files', async () => {
    const spaceUrl = await host.space(`vis${crypto.randomBytes(3).toString('hex')}`, admin, 'Comité des fêtes')
    const page = await host.loggedIn(spaceUrl, admin, { viewport: { width: 1280, height: 900 } })

    const visuals = new VisualsPage(page)
    await visuals.openGallery(spaceUrl)
    await visuals.pickTemplate('event-poster-fr', 'fr')

    const title = 'Fête de la musique à l’école Jean-Jaurès'
    await visuals.changeAndWaitForPreview(() => visuals.typeText('title', title))
    await expect.poll(() => visuals.field('title').locator('[data-test=fit]').innerText()).toMatch(/Fits|Tient/)

    // Colours come from the kit only: the theme goes from the kit's primary to its secondary.
    expect(await visuals.checkedColour('theme')).toBe('primary')
    await visuals.changeAndWaitForPreview(() => visuals.pickColour('theme', 'secondary'))
    expect(await visuals.checkedColour('theme')).toBe('secondary')
    // Undo and redo from the keyboard (outside a text field, so the page's own shortcut is ours).
    await page.locator('[data-test=size]').focus()
    await page.keyboard.press('Control+z')
    await expect.poll(() => visuals.checkedColour('theme')).toBe('primary')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => visuals.checkedColour('theme')).toBe('secondary')

    await visuals.changeAndWaitForPreview(() => visuals.uploadPhoto('photo', 'photo.png', solidPng(640, 480, [30, 160, 70])))

    const pngPath = await visuals.saveToFiles('png', 'Affiche fête')
    expect(pngPath).toBe('/Visuals/Affiche fête.png')
    const pdfPath = await visuals.saveToFiles('pdf', 'Affiche fête')
    expect(pdfPath).toBe('/Visuals/Affiche fête.pdf')

    // Over WebDAV, as a desktop client would see them.
    const dav = `${spaceUrl}/remote.php/dav/files/${admin.username}/Visuals/`
    const listing = await (await fetch(dav, { method: 'PROPFIND', headers: { authorization: auth, depth: '1' } })).text()
    expect(decodeURIComponent(listing)).toContain('Affiche fête.png')
    expect(decodeURIComponent(listing)).toContain('Affiche fête.pdf')

    const png = PNG.sync.read(Buffer.from(await (await fetch(`${dav}${encodeURIComponent('Affiche fête.png')}`, { headers: { authorization: auth } })).arrayBuffer()))
    expect([png.width, png.height]).toEqual([1240, 1754])
    // The bottom band is drawn in the theme colour: the kit's secondary (#e8553e), not its primary.
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)]
    expect(at(785, 1745)).toEqual([0xe8, 0x55, 0x3e])
    // The photo fills the top: green.
    expect(at(620, 500)).toEqual([30, 160, 70])

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-visuals-journey-'))
    try {
      const pdfFile = path.join(dir, 'poster.pdf')
      fs.writeFileSync(pdfFile, Buffer.from(await (await fetch(`${dav}${encodeURIComponent('Affiche fête.pdf')}`, { headers: { authorization: auth } })).arrayBuffer()))
      const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      expect(text).toContain('Fête de la musique')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }

    // And in the Files app.
    await page.goto(`${spaceUrl}/apps/files/?dir=${encodeURIComponent('/Visuals')}`)
    const files = new FilesPage(page)
    await files.waitForList()
    expect((await files.rowNames()).sort()).toEqual(['Affiche fête.pdf', 'Affiche fête.png'])
  })

  it('opens the editor prefilled from another app\'s link, and lets an admin upload a template (refusing a script with its reason)', async () => {
    const spaceUrl = await host.space(`vis${crypto.randomBytes(3).toString('hex')}`, admin, 'Comité des fêtes')
    const page = await host.loggedIn(spaceUrl, admin, { viewport: { width: 390, height: 844 }, locale: 'fr-FR' })

    const q = new URLSearchParams({ template: 'event-poster', title: 'Bal du 14 juillet', date: 'Lundi 14 juillet · 21 h', place: 'Place de la Mairie' })
    await page.goto(`${spaceUrl}/apps/visuals/?${q}`)
    await page.waitForURL(/\/apps\/visuals\/edit\/event-poster-(fr|en)\?/)
    const visuals = new VisualsPage(page)
    await visuals.waitForPreview()
    expect(await visuals.field('title').locator('input').inputValue()).toBe('Bal du 14 juillet')
    expect(await visuals.field('when').locator('input').inputValue()).toBe('Lundi 14 juillet · 21 h')
    expect(await visuals.field('where').locator('input').inputValue()).toBe('Place de la Mairie')

    await page.goto(`${spaceUrl}/apps/visuals/author`)
    const file = page.locator('[data-test=author-file]')
    const drawing = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080"><rect width="1080" height="1080" fill="#222222"/><text id="title" x="100" y="540" font-size="90" fill="#ffffff">Titre</text></svg>'
    await file.setInputFiles({ name: 'evil.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(drawing.replace('<rect', '<rect onload="alert(1)"')) })
    await expect.poll(() => page.locator('[data-test=author-error]').innerText()).toMatch(/onload/)

    await file.setInputFiles({ name: 'Soirée.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(drawing) })
    await page.locator('[data-part=title]').waitFor()
    await page.locator('[data-test=author-save]').click()
    await page.waitForURL(/\/apps\/visuals\/edit\/custom-soiree-[0-9a-f]{6}-(fr|en)/)
    await visuals.waitForPreview()
    await visuals.changeAndWaitForPreview(() => visuals.typeText('title', 'Soirée jeux'))
  })
})
