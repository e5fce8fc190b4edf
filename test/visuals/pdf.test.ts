import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { rasterize } from '../../apps/visuals/src/render/rasterize.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-visuals-pdf-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function pdfOf(templateId: string, size: 'a4' | 'a3', fields: Record<string, unknown>): Promise<string> {
  const spec = SIZES[size]
  const { svg } = layoutSvg(loadShippedCatalogue().get(templateId), size, fields, DEFAULT_BRAND_KIT)
  const file = path.join(dir, `${templateId}-${size}.pdf`)
  fs.writeFileSync(file, await rasterize({ svg, type: 'pdf', pixelWidth: spec.width, pageMm: spec.mm, svgSize: spec }))
  return file
}

describe('PDF export', () => {
  it('embeds the bundled fonts and keeps the title as text', async () => {
    const file = await pdfOf('event-poster-fr', 'a4', { title: 'Fête de la musique à Châteaulin' })
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThanOrEqual(2)
    for (const line of fonts) expect(line.split(/\s+/).at(-5)).toBe('yes') // the "emb" column
    expect(fonts.some((l) => l.includes('Montserrat-ExtraBold'))).toBe(true)
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    expect(text.replace(/\s+/g, ' ')).toContain('Fête de la musique à Châteaulin')
  })

  it('prints A4 and A3 at paper size in points', async () => {
    for (const [size, w, h] of [['a4', 595, 842], ['a3', 842, 1191]] as const) {
      const info = execFileSync('pdfinfo', [await pdfOf('general-assembly-en', size, {})], { encoding: 'utf8' })
      const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!
      expect(Math.round(Number(m[1]))).toBe(w)
      expect(Math.round(Number(m[2]))).toBe(h)
    }
  })
})
