import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { FONT_FAMILIES, FONTS_DIR } from '../../apps/visuals/src/domain/fonts.ts'

/** Headless Debian Chromium drawing the same SVGs: a screenshot for PNG, page.pdf for PDF. */
export class ChromiumRenderer {
  private constructor(private readonly browser: Browser, private readonly page: Page) {}

  /** Launches Chromium with our bundled fonts loaded once (as our render processes load them once). */
  static async launch(): Promise<ChromiumRenderer> {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] })
    const page = await browser.newPage({ deviceScaleFactor: 1 })
    const faces = Object.values(FONT_FAMILIES).flatMap((f) => f.faces.map((x) => {
      const data = fs.readFileSync(path.join(FONTS_DIR, x.file)).toString('base64')
      return `@font-face{font-family:'${f.family}';font-weight:${x.weight};font-style:${x.italic ? 'italic' : 'normal'};src:url(data:font/ttf;base64,${data}) format('truetype')}`
    })).join('\n')
    await page.setContent(`<!doctype html><html><head><style>${faces}\n@page{margin:0}html,body{margin:0;padding:0}svg{display:block}</style></head><body><div id="stage"></div></body></html>`)
    // Use every face once so that they are decoded before the first timed render.
    await page.evaluate(async (families) => {
      const stage = document.getElementById('stage')!
      stage.innerHTML = families.map((f) => `<span style="font-family:'${f}';font-weight:400">Éé</span><span style="font-family:'${f}';font-weight:800">Éé</span>`).join('')
      await document.fonts.ready
      stage.innerHTML = ''
    }, Object.values(FONT_FAMILIES).map((f) => f.family))
    return new ChromiumRenderer(browser, page)
  }

  /** PNG of `svg` at its pixel size. */
  async png(svg: string, width: number, height: number): Promise<Buffer> {
    await this.page.setViewportSize({ width, height })
    await this.show(svg, `${width}px`, `${height}px`)
    return this.page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } })
  }

  /** One-page PDF of `svg` at a paper size in millimetres. */
  async pdf(svg: string, mm: { width: number; height: number }): Promise<Buffer> {
    await this.show(svg, `${mm.width}mm`, `${mm.height}mm`)
    return this.page.pdf({ width: `${mm.width}mm`, height: `${mm.height}mm`, printBackground: true, margin: { top: 0, right: 0, bottom: 0, left: 0 } })
  }

  async close(): Promise<void> {
    await this.browser.close()
  }

  private async show(svg: string, width: string, height: string): Promise<void> {
    await this.page.evaluate(async ({ svg, width, height }) => {
      const stage = document.getElementById('stage')!
      stage.innerHTML = svg
      const el = stage.querySelector('svg')!
      el.style.width = width
      el.style.height = height
      // Images are data URLs: wait until they are decoded, as a screenshot of a half-drawn poster would be unfair to us.
      await Promise.all([...el.querySelectorAll('image')].map((img) => new Promise<void>((resolve) => {
        const probe = new Image()
        probe.onload = probe.onerror = () => resolve()
        probe.src = img.getAttribute('href') ?? img.getAttribute('xlink:href') ?? ''
      })))
      await document.fonts.ready
    }, { svg, width, height })
  }
}
