import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { buildEvent, startPublicHarness, type PublicHarness } from './public-support.ts'

let h: PublicHarness
beforeAll(async () => {
  h = await startPublicHarness()
  h.look = { colors: { primary: '#123456', background: 'red;}body{x' }, logoUrl: null }
  h.reader.put(
    buildEvent({ id: 'w1', title: 'Concert A', tags: ['concert'] }),
    buildEvent({ id: 'w2', title: 'Atelier B', tags: ['atelier'] }),
    buildEvent({ id: 'w3', title: 'Réservé C', tags: ['concert'], visibility: 'members' }),
  )
})
afterAll(async () => {
  await h?.close()
})

describe('embed widget', () => {
  it('lists upcoming events of a tag, may be framed anywhere, sets no cookie, in the space colours', async () => {
    const res = await fetch(`${h.p}/embed?tag=concert`, { headers: h.as('zoe') })
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain('frame-ancestors *')
    expect(csp).toContain("script-src 'self'")
    expect(res.headers.get('x-frame-options')).toBeNull()
    expect(res.headers.get('set-cookie')).toBeNull()
    const html = await res.text()
    expect(html).toContain('Concert A')
    expect(html).not.toContain('Atelier B')
    // Same for everyone: members-only events never reach a widget on someone else's site.
    expect(html).not.toContain('Réservé C')
    expect(html).toContain('border-left:4px solid #123456')
    // A malformed colour never reaches the CSS.
    expect(html).not.toContain('red;}body')
    expect(html).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/s\/pub\/p\/events\/w1" target="_blank" rel="noopener">/)
    expect(html).toContain('<script src="/s/pub/p/embed-frame.js"></script>')
  })

  it('the pages themselves refuse framing', async () => {
    const res = await fetch(`${h.p}/events/w1`)
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('embed.js inserts the iframe and only accepts height messages from that frame', async () => {
    const res = await fetch(`${h.p}/embed.js`)
    expect(res.headers.get('content-type')).toContain('application/javascript')
    const js = await res.text()
    expect(js).toContain("createElement('iframe')")
    expect(js).toContain('e.origin!==origin||e.source!==f.contentWindow')
    const frame = await (await fetch(`${h.p}/embed-frame.js`)).text()
    expect(frame).toContain("type:'maison-embed-height'")
    // Both scripts parse.
    expect(() => new Function(js)).not.toThrow()
    expect(() => new Function(frame)).not.toThrow()
  })

  it('in a real browser, a page on another origin gets the iframe at the height of its content', async () => {
    for (let i = 0; i < 8; i++) h.reader.put(buildEvent({ id: `many${i}`, title: `Concert n°${i}`, tags: ['concert'] }))
    const host = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html')
      res.end(`<!doctype html><html><body><h1>Association site</h1><script src="${h.p}/embed.js" data-tag="concert" data-lang="en"></script><p id="after">after</p></body></html>`)
    })
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
    // localhost vs 127.0.0.1: a different origin from the widget's.
    const hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 700 } })
      await page.goto(hostUrl)
      const frame = page.locator('iframe')
      await expect.poll(async () => (await frame.boundingBox())?.height ?? 0, { timeout: 15_000 }).toBeGreaterThan(600)
      const inner = page.frameLocator('iframe')
      await expect.poll(() => inner.locator('article.card').count()).toBe(9)
      const frameHeight = (await frame.boundingBox())!.height
      const contentHeight = await page.frames()[1]!.evaluate(() => document.documentElement.scrollHeight)
      expect(Math.abs(frameHeight - contentHeight)).toBeLessThanOrEqual(2)
      // A message from the host page itself is ignored.
      await page.evaluate(() => window.postMessage({ type: 'maison-embed-height', height: 5 }, '*'))
      await page.waitForTimeout(200)
      expect((await frame.boundingBox())!.height).toBeGreaterThan(600)
    } finally {
      await browser.close()
      await new Promise<void>((resolve) => host.close(() => resolve()))
    }
  })
})
