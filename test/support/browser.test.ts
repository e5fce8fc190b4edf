import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, RESULTS_DIR, type TestBrowser } from './browser.ts'

const FAILING = 'browser helper marks this deliberately failing test'

describe('launchBrowser', () => {
  let tb: TestBrowser
  beforeAll(async () => {
    tb = await launchBrowser()
  })
  afterAll(async () => {
    await tb?.close()
  })

  it('opens a data: URL and reads its text', async () => {
    const page = await tb.newPage()
    await page.goto('data:text/html,<h1 id="t">Bonjour Maison</h1><script>document.title=navigator.userAgent</script>')
    expect(await page.textContent('#t')).toBe('Bonjour Maison')
    expect(await page.title()).toMatch(/HeadlessChrome|Chrome/)
  })

  it('gives each page its own cookies', async () => {
    const a = await tb.newPage()
    const b = await tb.newPage()
    await a.context().addCookies([{ name: 'maison_session', value: 'x', url: 'http://127.0.0.1/' }])
    expect(await a.context().cookies()).toHaveLength(1)
    expect(await b.context().cookies()).toHaveLength(0)
  })

  it.fails(FAILING, async () => {
    const page = await tb.newPage()
    await page.goto('data:text/html,<p>failure screenshot</p>')
    expect(true).toBe(false)
  })

  it('saved a screenshot of the failed test under test-results/', () => {
    const shots = fs.existsSync(RESULTS_DIR) ? fs.readdirSync(RESULTS_DIR).filter((f) => f.includes('deliberately-failing')) : []
    expect(shots.length).toBeGreaterThan(0)
    const file = path.join(RESULTS_DIR, shots.at(-1)!)
    expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe('PNG')
    for (const f of shots) fs.rmSync(path.join(RESULTS_DIR, f))
  })
})
