import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import zlib from 'node:zlib'
import os from 'node:os'
import path from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, describe, expect, it } from 'vitest'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import { PT_PER_MM, SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { rasterize } from '../../apps/visuals/src/render/rasterize.ts'
import { svgToPdf } from '../../apps/visuals/src/render/pdf.ts'
import { splitSvg } from '../../apps/visuals/src/render/pdf/split-svg.ts'
import { noisyJpegDataUrl } from './images.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-visuals-pdf-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const A4 = { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM }
let files = 0

function save(pdf: Buffer): string {
  const file = path.join(dir, `${++files}.pdf`)
  fs.writeFileSync(file, pdf)
  return file
}

function svgOf(templateId: string, size: 'a4' | 'a3', fields: Record<string, unknown>): string {
  return layoutSvg(loadShippedCatalogue().get(templateId), size, fields, DEFAULT_BRAND_KIT).svg
}

async function pdfOf(templateId: string, size: 'a4' | 'a3', fields: Record<string, unknown>): Promise<string> {
  const spec = SIZES[size]
  return save(await rasterize({ svg: svgOf(templateId, size, fields), type: 'pdf', pixelWidth: spec.width, pageMm: spec.mm, svgSize: spec }))
}

const fonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
const text = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

interface Program { numGlyphs: number; unitsPerEm: number; getGlyph(id: number): { advanceWidth: number } }
const fontkit = createRequire(import.meta.url)('fontkit') as { create(buffer: Buffer): Program }

/**
 * Checks every CID font of a PDF written by pdfkit: each glyph number its widths (W) list is in the embedded
 * program, and that program's glyph has the advance the page gives it. Returns how many glyphs were checked.
 */
function checkEmbeddedGlyphs(pdf: Buffer): number {
  const raw = pdf.toString('latin1')
  const object = (id: string) => new RegExp(`\\n${id} 0 obj\\n(<<[\\s\\S]*?>>)\\n(?:stream\\n)?`).exec(raw)!
  let checked = 0
  for (const [, dict] of raw.matchAll(/\d+ 0 obj\n(<<\n\/Type \/Font\n\/Subtype \/CIDFontType2[\s\S]*?)\nendobj/g)) {
    const descriptor = object(/\/FontDescriptor (\d+) 0 R/.exec(dict!)![1]!)[1]!
    const file = object(/\/FontFile2 (\d+) 0 R/.exec(descriptor)![1]!)
    const length = Number(/\/Length (\d+)/.exec(file[1]!)![1])
    const start = file.index + file[0].length
    const program = fontkit.create(zlib.inflateSync(pdf.subarray(start, start + length)))
    for (const [, gid, width] of /\/W \[([^\n]*)\]\n/.exec(dict!)![1]!.matchAll(/(\d+) \[([\d.]+)\]/g)) {
      expect(Number(gid)).toBeLessThan(program.numGlyphs)
      expect((program.getGlyph(Number(gid)).advanceWidth * 1000) / program.unitsPerEm).toBeCloseTo(Number(width), 0)
      checked++
    }
  }
  return checked
}

function raster(file: string): PNG {
  execFileSync('pdftoppm', ['-r', '72', '-png', '-singlefile', file, file])
  return PNG.sync.read(fs.readFileSync(`${file}.png`))
}

describe('PDF export', () => {
  it('embeds the bundled fonts and keeps the title as text', async () => {
    const file = await pdfOf('event-poster-fr', 'a4', { title: 'Fête de la musique à Châteaulin' })
    expect(fonts(file).length).toBeGreaterThanOrEqual(2)
    for (const line of fonts(file)) expect(line.split(/\s+/).at(-5)).toBe('yes') // the "emb" column
    expect(fonts(file).some((l) => l.includes('Montserrat-ExtraBold'))).toBe(true)
    expect(text(file)).toContain('Fête de la musique à Châteaulin')
  })

  it('prints A4 and A3 at paper size in points', async () => {
    for (const [size, w, h] of [['a4', 595, 842], ['a3', 842, 1191]] as const) {
      const info = execFileSync('pdfinfo', [await pdfOf('general-assembly-en', size, {})], { encoding: 'utf8' })
      const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!
      expect(Math.round(Number(m[1]))).toBe(w)
      expect(Math.round(Number(m[2]))).toBe(h)
    }
  })

  it('draws a poster the same when its unchanged parts are written again from an earlier render', async () => {
    await svgToPdf(svgOf('general-assembly-fr', 'a4', { title: 'Assemblée générale ordinaire' }), A4)
    const svg = svgOf('general-assembly-fr', 'a4', { title: 'Assemblée générale extraordinaire' })
    const reusedPdf = await svgToPdf(svg, A4)
    expect(checkEmbeddedGlyphs(reusedPdf)).toBeGreaterThan(20)
    const reused = save(reusedPdf)
    const whole = save(await svgToPdf(svg, A4, { reuse: false }))
    const [a, b] = [raster(reused), raster(whole)]
    expect(a.width).toBe(b.width)
    expect(Buffer.compare(a.data, b.data)).toBe(0)
    expect(text(reused)).toBe(text(whole))
    expect(text(reused)).toContain('Assemblée générale extraordinaire')
  })

  it('embeds the photo each document is given, as the JPEG bytes it was given', async () => {
    const bare = (photo: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><image width="100" height="100" href="${photo}"/></svg>`
    // pdfkit cannot open this one and draws nothing; the next document's photo, in the same markup, must still show.
    await svgToPdf(bare(`data:image/jpeg;base64,${Buffer.from('not a jpeg').toString('base64')}`), A4)
    for (const [width, height, svg] of [[320, 240, bare], [400, 300, bare], [320, 240, (photo: string) => svgOf('event-poster-fr', 'a4', { photo })]] as const) {
      const photo = noisyJpegDataUrl(width, height)
      const file = save(await svgToPdf(svg(photo), A4))
      execFileSync('pdfimages', ['-j', file, `${file}-img`])
      const embedded = fs.readFileSync(`${file}-img-000.jpg`)
      expect(embedded.equals(Buffer.from(photo.slice(photo.indexOf(',') + 1), 'base64'))).toBe(true)
    }
  })

  it('keeps text outside the fixed subset findable, and later documents unaffected', async () => {
    const odd = 'Зал Ω ½ Fête'
    const pdf = await svgToPdf(svgOf('event-poster-fr', 'a4', { title: odd }), A4)
    const file = save(pdf)
    expect(checkEmbeddedGlyphs(pdf)).toBeGreaterThan(20)
    for (const line of fonts(file)) expect(line.split(/\s+/).at(-5)).toBe('yes')
    expect(text(file)).toContain(odd)
    const plain = save(await svgToPdf(svgOf('event-poster-fr', 'a4', { title: 'Fête du quartier' }), A4))
    expect(text(plain)).toContain('Fête du quartier')
    expect(text(plain)).not.toContain('Зал')
  })

  it('keeps ligatures and contextual forms as their letters in extracted text', async () => {
    const pdf = await svgToPdf(svgOf('event-poster-fr', 'a4', { title: 'Office fleuri affiche', when: 'CAFÉ-CONCERT 14:30–18:00' }), A4)
    expect(checkEmbeddedGlyphs(pdf)).toBeGreaterThan(20)
    const file = save(pdf)
    expect(text(file)).toContain('Office fleuri affiche')
    expect(text(file)).toContain('CAFÉ-CONCERT 14:30–18:00')
  })
})

describe('splitSvg', () => {
  const root = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'

  it('cuts the root into its top-level elements, nested, self-closing, quoted ">" and comments included', () => {
    const split = splitSvg(`${root}\n  <rect width="1" fill="#fff"/>\n  <!-- c --><g a="x>y"><circle r="1"/><text>a &lt; b</text></g><text>z</text></svg>\n`)
    expect(split?.children).toEqual(['<rect width="1" fill="#fff"/>', '<g a="x>y"><circle r="1"/><text>a &lt; b</text></g>', '<text>z</text>'])
    expect(split?.open).toBe(root)
  })

  it('keeps an element whose links point inside it, and refuses links across elements, CSS and root effects', () => {
    const clip = '<g><clipPath id="c"><rect width="1"/></clipPath><image href="data:," clip-path="url(#c)"/></g>'
    expect(splitSvg(`${root}${clip}</svg>`)?.children).toEqual([clip])
    expect(splitSvg(`${root}<defs><path id="p" d="M0 0"/></defs><use href="#p"/></svg>`)).toBeNull()
    expect(splitSvg(`${root}<style>rect{fill:red}</style><rect/></svg>`)).toBeNull()
    expect(splitSvg(root.replace('>', ' opacity="0.5">') + '<rect/></svg>')).toBeNull()
    expect(splitSvg(`${root}<rect>`)).toBeNull()
  })
})
