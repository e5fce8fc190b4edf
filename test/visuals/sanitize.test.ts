import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sanitizeSvg } from '../../apps/visuals/src/domain/svg/sanitize.ts'
import { UnsafeSvg } from '../../apps/visuals/src/domain/errors.ts'
import { TEMPLATES_DIR } from '../../apps/visuals/src/domain/catalogue.ts'

const wrap = (body: string, attrs = 'viewBox="0 0 100 100"') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`

function refusal(svg: string | Buffer): string {
  try {
    sanitizeSvg(svg)
  } catch (err) {
    expect(err).toBeInstanceOf(UnsafeSvg)
    expect((err as UnsafeSvg).status).toBe(400)
    return (err as Error).message
  }
  throw new Error('the SVG was accepted')
}

describe('SVG upload sanitizer', () => {
  it('accepts every shipped template', () => {
    for (const dir of fs.readdirSync(TEMPLATES_DIR)) {
      for (const f of fs.readdirSync(path.join(TEMPLATES_DIR, dir)).filter((x) => x.endsWith('.svg'))) {
        expect(() => sanitizeSvg(fs.readFileSync(path.join(TEMPLATES_DIR, dir, f)))).not.toThrow()
      }
    }
  })

  it('accepts internal references and embedded PNG/JPEG images', () => {
    const ok = wrap('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>')
    expect(sanitizeSvg(ok).width).toBe(100)
  })

  const cases: [string, string, RegExp][] = [
    ['script element', wrap('<script>alert(1)</script>'), /<script>/],
    ['onload handler', wrap('<rect width="1" height="1"/>', 'viewBox="0 0 10 10" onload="alert(1)"'), /event handler \(onload\)/],
    ['onclick on a child', wrap('<rect onClick="x()" width="1" height="1"/>'), /event handler/],
    ['javascript: link', wrap('<a href="javascript:alert(1)"><text>x</text></a>'), /script link/],
    ['obfuscated javascript: link', wrap('<a xlink:href="java&#9;script:alert(1)"><text>x</text></a>'), /script link/],
    ['data:text/html link', wrap('<a href="data:text/html;base64,PHNjcmlwdD4="><text>x</text></a>'), /script link/],
    ['external image href', wrap('<image href="https://evil.example/x.png" width="1" height="1"/>'), /only links inside the file/],
    ['external xlink:href on use', wrap('<use xlink:href="other.svg#a"/>'), /only links inside the file/],
    ['SVG image as data URL', wrap('<image href="data:image/svg+xml;base64,PHN2Zz4=" width="1" height="1"/>'), /only links inside the file/],
    ['foreignObject', wrap('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'), /foreignObject/],
    ['CSS @import', wrap('<style>@import url(https://evil.example/a.css);</style>'), /@import/],
    ['CSS external url()', wrap('<style>rect { fill: url(http://evil.example/p.svg#x) }</style>'), /url\(http/],
    ['style attribute with external url()', wrap('<rect style="fill:url(https://evil.example/x)" width="1" height="1"/>'), /url\(https/],
    ['XXE', `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wrap('<text>&xxe;</text>')}`, /DOCTYPE/],
    ['billion laughs', `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${wrap('<text>&lol2;</text>')}`, /DOCTYPE/],
    ['100,000 × 100,000 canvas', wrap('', 'width="100000" height="100000" viewBox="0 0 100000 100000"'), /100000 px; templates are limited to 10000 px/],
    ['huge canvas in another unit', wrap('', 'width="3000mm" height="10mm"'), /limited to 10000 px/],
    ['animation that rewrites a link', wrap('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>'), /script link|animation/],
    ['xml-stylesheet instruction', `<?xml-stylesheet href="https://evil.example/a.css"?>${wrap('')}`, /processing instruction/],
    ['HTML element from another namespace', wrap('<html:iframe xmlns:html="http://www.w3.org/1999/xhtml" src="https://evil.example"/>'), /another XML vocabulary/],
    ['no size at all', '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', /states no size/],
    ['not XML', '<svg><rect></svg>', /not well-formed/],
  ]
  for (const [name, svg, reason] of cases) {
    it(`rejects ${name} with a clear reason`, () => {
      expect(refusal(svg)).toMatch(reason)
    })
  }

  it('rejects files over 2 MB before parsing them', () => {
    const big = Buffer.from(wrap(`<desc>${'x'.repeat(2 * 1024 * 1024)}</desc>`))
    expect(refusal(big)).toMatch(/limited to 2 MB/)
  })
})
