import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import pixelmatch from 'pixelmatch'
import { goldenCases, renderGolden, GOLDEN_KIT, GOLDEN_LONG_SIDE } from '../../apps/visuals/scripts/update-goldens.ts'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { rasterize } from '../../apps/visuals/src/render/rasterize.ts'
import { SIZES, type SizeId } from '../../apps/visuals/src/domain/sizes.ts'
import { runRenderTask } from '../../apps/visuals/src/render/task.ts'

// Anti-aliasing differs by a hair between resvg builds; a moved or restyled part changes far more than 0.5%.
const MAX_DIFF_RATIO = 0.005

describe('golden images', () => {
  const cases = goldenCases()

  it('covers at least 8 templates in French and English, each in every stated format', () => {
    const families = new Set(cases.map((c) => c.template.family))
    expect(families.size).toBeGreaterThanOrEqual(8)
    for (const family of families) {
      expect(cases.some((c) => c.template.id === `${family}-fr`)).toBe(true)
      expect(cases.some((c) => c.template.id === `${family}-en`)).toBe(true)
    }
  })

  it('keeps the goldens light (< 5 MB)', () => {
    const total = cases.reduce((n, c) => n + fs.statSync(c.file).size, 0)
    expect(total).toBeLessThan(5 * 1024 * 1024)
  })

  for (const c of cases) {
    it(`${c.template.id} ${c.size} matches its golden`, async () => {
      const expected = PNG.sync.read(fs.readFileSync(c.file))
      const actual = PNG.sync.read(await renderGolden(c.template, c.size))
      expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
      const diff = pixelmatch(actual.data, expected.data, undefined, actual.width, actual.height, { threshold: 0.1 })
      expect(diff / (actual.width * actual.height)).toBeLessThanOrEqual(MAX_DIFF_RATIO)
    })

    // What the API answers: texts as glyph outlines placed by our shaping, no font given to resvg.
    it(`${c.template.id} ${c.size} drawn by a render process (texts as outlines) matches its golden`, async () => {
      const expected = PNG.sync.read(fs.readFileSync(c.file))
      const spec = SIZES[c.size]
      const pixelWidth = Math.round((spec.width * GOLDEN_LONG_SIDE) / Math.max(spec.width, spec.height))
      const out = await runRenderTask({ kind: 'template', template: c.template, size: spec, fields: {}, kit: GOLDEN_KIT, type: 'png', pixelWidth })
      const actual = PNG.sync.read(out.bytes)
      expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
      const diff = pixelmatch(actual.data, expected.data, undefined, actual.width, actual.height, { threshold: 0.1 })
      expect(diff / (actual.width * actual.height)).toBeLessThanOrEqual(MAX_DIFF_RATIO)
    })
  }
})

const LONG_FR = 'Assemblée générale extraordinaire : élection du nouveau conseil, état des lieux après l’été et préparation des festivités de fin d’année à Châteauneuf-sur-Loire'

/** Renders with and without the field's text and returns the bounding box of the pixels that differ. */
async function inkBox(templateId: string, size: SizeId, field: string, text: string) {
  const t = loadShippedCatalogue().get(templateId)
  const spec = SIZES[size]
  const spec0 = t.fields.find((f) => f.id === field)
  if (spec0?.type === 'text') text = [...text].slice(0, spec0.maxLength).join('')
  const render = async (value: string) => {
    const layout = layoutSvg(t, size, { [field]: value }, GOLDEN_KIT)
    return { layout, png: PNG.sync.read(await rasterize({ svg: layout.svg, type: 'png', pixelWidth: spec.width, svgSize: spec })) }
  }
  const full = await render(text)
  const empty = await render('')
  const { width, height, data } = full.png
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      if (Math.abs(data[i]! - empty.png.data[i]!) + Math.abs(data[i + 1]! - empty.png.data[i + 1]!) + Math.abs(data[i + 2]! - empty.png.data[i + 2]!) > 30) {
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y)
      }
    }
  }
  const placed = full.layout.texts.find((p) => p.slot === field)!
  const k = spec.width / full.layout.viewBox.width
  const slot = { x0: placed.box.x * k, y0: placed.box.y * k, x1: (placed.box.x + placed.box.width) * k, y1: (placed.box.y + placed.box.height) * k }
  return { ink: { minX, minY, maxX, maxY }, slot, placed }
}

describe('long French titles', () => {
  const cases: [string, SizeId, string][] = [
    ['event-poster-fr', 'a4', 'title'],
    ['event-poster-fr', 'portrait', 'title'],
    ['meeting-fr', 'square', 'title'],
    ['join-us-fr', 'story', 'title'],
    ['social-post-fr', 'square', 'headline'],
    ['banner-fr', 'banner', 'motto'],
  ]
  for (const [id, size, field] of cases) {
    it(`${id} ${size}: the accented ${field} stays inside its slot`, async () => {
      const { ink, slot, placed } = await inkBox(id, size, field, LONG_FR)
      expect(ink.minX).toBeLessThan(ink.maxX) // the text was drawn at all
      const tolerance = 2 // anti-aliasing spills a pixel or two
      expect(ink.minX).toBeGreaterThanOrEqual(slot.x0 - tolerance)
      expect(ink.maxX).toBeLessThanOrEqual(slot.x1 + tolerance)
      expect(ink.minY).toBeGreaterThanOrEqual(slot.y0 - tolerance)
      expect(ink.maxY).toBeLessThanOrEqual(slot.y1 + tolerance)
      expect(placed.fit.lines.join(' ')).toContain('Assemblée')
    }, 20_000)
  }
})
