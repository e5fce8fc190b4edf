import { afterAll, describe, expect, it } from 'vitest'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import { SIZES, type SizeId } from '../../apps/visuals/src/domain/sizes.ts'
import type { Template } from '../../apps/visuals/src/domain/template.ts'
import { drawLayout } from '../../apps/visuals/src/render/incremental.ts'
import { KeptRenders } from '../../apps/visuals/src/render/kept-renders.ts'
import { drawPixels } from '../../apps/visuals/src/render/rasterize.ts'
import { photoPreparer, releasePreparedPhotos } from '../../apps/visuals/src/render/prepare-photo.ts'
import { runRenderTask } from '../../apps/visuals/src/render/task.ts'
import { PNG } from 'pngjs'
import { noisyJpegDataUrl } from './images.ts'

const catalogue = loadShippedCatalogue()
const photo = noisyJpegDataUrl(800, 600)

/** The layout a render process makes for a raster output of `pixelWidth`. */
function layout(t: Template, size: SizeId, fields: Record<string, unknown>, pixelWidth: number) {
  const spec = SIZES[size]
  const prepareImage = photoPreparer({ pixelWidth, pixelHeight: Math.round((pixelWidth * spec.height) / spec.width) })
  return layoutSvg(t, size, fields, DEFAULT_BRAND_KIT, { prepareImage, textAsPaths: true, parts: true })
}

function baseFields(t: Template): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const f of t.fields) if (f.type === 'image') fields[f.id] = photo
  return fields
}

/** The same fields with the first text field edited, as a volunteer typing does. */
function edited(t: Template, fields: Record<string, unknown>, text: string): Record<string, unknown> {
  const field = t.fields.find((f) => f.type === 'text')!
  return { ...fields, [field.id]: text }
}

function maxDiff(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!)
    if (d > max) max = d
  }
  return max
}

describe('redrawing only the fields that changed', () => {
  afterAll(releasePreparedPhotos)

  const cases = catalogue.list().flatMap((t) => [...t.layouts.keys()].flatMap((size) => {
    const spec = SIZES[size]
    return [spec.width, Math.round((spec.width * 480) / Math.max(spec.width, spec.height))].map((w) => [t, size, w] as const)
  }))
  // Where the edited text sits among curved shapes that a crop would cut (event-poster's circles), or where the layout's
  // viewBox does not match the size (A3 drawn from the A4 layout), the whole image is drawn again: nothing to compare.
  const whole = (id: string, size: SizeId) => size === 'a3' || id.startsWith('event-poster') || id.startsWith('banner')
  for (const [t, size, width] of cases) {
    it(`${t.id} ${size} at ${width} px: an edited text redrawn alone gives the full render's pixels`, () => {
      const store = new KeptRenders(256 * 1024 * 1024)
      const fields = baseFields(t)
      drawLayout(layout(t, size, fields, width), 'png', width, store)
      // A short text, then a long one: the rectangles differ in size and place, and the second crop grows over the first's.
      for (const text of ['Fête', 'Fête de la musique : « on joue ! »']) {
        const next = layout(t, size, edited(t, fields, text), width)
        const partial = drawLayout(next, 'png', width, store)
        if (text !== 'Fête') expect(partial.cropped).toBe(!whole(t.id, size))
        const full = drawPixels(next.svg, 'png', width)
        expect([partial.width, partial.height]).toEqual([full.width, full.height])
        expect(maxDiff(partial.pixels, full.pixels)).toBeLessThanOrEqual(1)
      }
    })
  }

  for (const [id, size] of [['quote-fr', 'square'], ['general-assembly-fr', 'a4'], ['social-post-fr', 'square'], ['event-poster-fr', 'a4'], ['join-us-fr', 'square']] as const) {
    it(`${id} ${size}: a render process's PNGs while a volunteer types are the full renders' pixels`, async () => {
      const t = catalogue.get(id)
      const spec = SIZES[size]
      for (const text of ['Fête', 'Fête de', 'Fête de la', 'Fête de la musique', 'Fête de la musique ! 2027']) {
        const fields = edited(t, baseFields(t), text)
        const out = await runRenderTask({ kind: 'template', template: t, size: spec, fields, kit: DEFAULT_BRAND_KIT, type: 'png', pixelWidth: spec.width })
        const png = PNG.sync.read(out.bytes)
        const full = drawPixels(layout(t, size, fields, spec.width).svg, 'png', spec.width)
        expect(maxDiff(png.data, full.pixels)).toBeLessThanOrEqual(1)
      }
    })
  }

  it('would notice a redraw that missed the change (the comparison can fail)', () => {
    const t = catalogue.get('quote-fr')
    const store = new KeptRenders(64 * 1024 * 1024)
    const first = drawLayout(layout(t, 'square', {}, 1080), 'png', 1080, store)
    const stale = Buffer.from(first.pixels)
    const next = layout(t, 'square', edited(t, {}, 'Un tout autre texte'), 1080)
    expect(maxDiff(stale, drawPixels(next.svg, 'png', 1080).pixels)).toBeGreaterThan(100)
  })

  it('draws a render identical to the kept one whole, never from the kept pixels', () => {
    const t = catalogue.get('meeting-fr')
    const store = new KeptRenders(64 * 1024 * 1024)
    drawLayout(layout(t, 'square', {}, 1080), 'png', 1080, store)
    const again = drawLayout(layout(t, 'square', {}, 1080), 'png', 1080, store)
    expect(again.cropped).toBe(false)
    expect(again.redrawn).toBeNull()
  })

  it('draws whole when a field outside the slots changes (a colour)', () => {
    const t = catalogue.get('quote-fr')
    const store = new KeptRenders(64 * 1024 * 1024)
    drawLayout(layout(t, 'square', {}, 1080), 'png', 1080, store)
    const otherKit = layoutSvg(t, 'square', {}, { ...DEFAULT_BRAND_KIT, palette: { ...DEFAULT_BRAND_KIT.palette, primary: '#123456' } }, { textAsPaths: true, parts: true })
    expect(drawLayout(otherKit, 'png', 1080, store).cropped).toBe(false)
  })

  it('keeps renders within its byte cap, least recently used dropped first', () => {
    // 1080² RGBA is 4.67 MB: two fit under 10 MB, the third pushes the oldest out.
    const store = new KeptRenders(10 * 1024 * 1024, 5 * 1024 * 1024)
    const quote = layout(catalogue.get('quote-fr'), 'square', {}, 1080)
    for (const id of ['quote-fr', 'meeting-fr', 'join-us-fr']) drawLayout(layout(catalogue.get(id), 'square', {}, 1080), 'png', 1080, store)
    expect(store.count).toBe(2)
    expect(store.bytes).toBeLessThanOrEqual(10 * 1024 * 1024)
    const t = catalogue.get('quote-fr')
    expect(drawLayout(layout(t, 'square', edited(t, {}, 'Autre'), 1080), 'png', 1080, store).cropped).toBe(false)
    expect(quote.parts).toBeDefined()
    // Larger than one entry may be: never kept.
    drawLayout(layout(catalogue.get('general-assembly-fr'), 'a4', {}, 1240), 'png', 1240, store)
    expect(store.bytes).toBeLessThanOrEqual(10 * 1024 * 1024)
    expect(store.count).toBe(2)
  })
})
