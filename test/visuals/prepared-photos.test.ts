import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import pixelmatch from 'pixelmatch'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import { SIZES, type SizeId } from '../../apps/visuals/src/domain/sizes.ts'
import { parseSvg } from '../../apps/visuals/src/domain/svg/tree.ts'
import { rasterize } from '../../apps/visuals/src/render/rasterize.ts'
import { runRenderTask } from '../../apps/visuals/src/render/task.ts'
import { photoPreparer, preparedPhotoStats, releasePreparedPhotos } from '../../apps/visuals/src/render/prepare-photo.ts'
import { PreparedPhotoStore } from '../../apps/visuals/src/render/photo-store.ts'
import { noisyJpegDataUrl } from './images.ts'

const catalogue = loadShippedCatalogue()
const photo = noisyJpegDataUrl(1600, 1200)

/**
 * The same poster drawn the way it was before photos were prepared (original photo, resampled by resvg in the render),
 * texts drawn as outlines as a render process draws them, so that only the photo's drawing is compared.
 */
async function original(templateId: string, size: SizeId, fields: Record<string, unknown>, pixelWidth: number) {
  const { svg } = layoutSvg(catalogue.get(templateId), size, fields, DEFAULT_BRAND_KIT, { textAsPaths: true })
  return PNG.sync.read(await rasterize({ svg, type: 'png', pixelWidth, svgSize: SIZES[size] }))
}

async function prepared(templateId: string, size: SizeId, fields: Record<string, unknown>, pixelWidth: number) {
  const out = await runRenderTask({ kind: 'template', template: catalogue.get(templateId), size: SIZES[size], fields, kit: DEFAULT_BRAND_KIT, type: 'png', pixelWidth })
  return PNG.sync.read(out.bytes)
}

function compare(a: PNG, b: PNG): { maxDiff: number; visible: number } {
  expect([b.width, b.height]).toEqual([a.width, a.height])
  let maxDiff = 0
  for (let i = 0; i < a.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.data[i]! - b.data[i]!))
  return { maxDiff, visible: pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 }) }
}

describe('photos prepared once for their output pixels', () => {
  // Vitest ends its workers by a signal, which skips the store's own clean-up at exit.
  afterAll(releasePreparedPhotos)
  const cases: [string, SizeId, Record<string, unknown>, number][] = [
    ['social-post-fr', 'square', { photo }, 1080],
    ['event-poster-fr', 'a4', { photo }, 1240],
    ['join-us-fr', 'square', { photo }, 1080], // round frame: the clip stays
    ['banner-en', 'banner', { photo: { src: photo, fit: 'contain', focusX: 0.2, zoom: 1.7 } }, 1500],
  ]
  for (const [id, size, fields, width] of cases) {
    it(`${id} ${size} at its full size looks exactly as when resvg resampled the photo itself`, async () => {
      const { maxDiff, visible } = compare(await original(id, size, fields, width), await prepared(id, size, fields, width))
      // Straight → premultiplied → straight alpha rounds by one level at most.
      expect(maxDiff).toBeLessThanOrEqual(1)
      expect(visible).toBe(0)
    })
  }

  for (const [id, size, width] of [['event-poster-fr', 'a4', 339], ['join-us-fr', 'square', 480], ['social-post-fr', 'portrait', 384]] as const) {
    it(`${id} ${size} as a ${width} px preview shows no visible difference`, async () => {
      const { visible } = compare(await original(id, size, { photo }, width), await prepared(id, size, { photo }, width))
      expect(visible).toBe(0)
    })
  }

  it('draws the photo (resvg still reads the prepared file)', async () => {
    const without = await prepared('social-post-fr', 'square', {}, 540)
    const withPhoto = await prepared('social-post-fr', 'square', { photo }, 540)
    expect(compare(without, withPhoto).visible).toBeGreaterThan(540 * 300)
  })

  it('prepares a photo once per place and size while the texts change', async () => {
    const fields = (headline: string) => ({ photo: { src: photo, focusX: 0.3 }, headline })
    await prepared('social-post-fr', 'square', fields('Première version'), 700)
    const before = preparedPhotoStats().count
    await prepared('social-post-fr', 'square', fields('Deuxième version du titre'), 700)
    await prepared('social-post-fr', 'square', fields('Troisième'), 700)
    expect(preparedPhotoStats().count).toBe(before)
    await prepared('social-post-fr', 'square', fields('Troisième'), 701)
    expect(preparedPhotoStats().count).toBe(before + 1)
  })

  it('leaves photos under a transformed group, and PDF pages, to the original image', () => {
    const template = catalogue.get('social-post-fr')
    const tree = parseSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080" width="1080" height="1080"><g transform="rotate(3)"><rect data-field="photo" x="0" y="0" width="1080" height="1080" fill="none"/></g></svg>')
    const rotated = { ...template, layouts: new Map([['square' as const, tree]]) }
    const prepareImage = photoPreparer({ pixelWidth: 1080, pixelHeight: 1080 })
    expect(layoutSvg(rotated, 'square', { photo }, DEFAULT_BRAND_KIT, { prepareImage }).svg).toContain('href="data:image/jpeg;base64,')
    expect(layoutSvg(template, 'square', { photo }, DEFAULT_BRAND_KIT, { prepareImage }).svg).not.toContain('data:image/jpeg')
  })
})

describe('PreparedPhotoStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-test-photo-store-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('drops the least recently used photos past its byte cap, files included', () => {
    const store = new PreparedPhotoStore(dir, 250)
    const a = store.put('a', Buffer.alloc(100))
    store.put('b', Buffer.alloc(100))
    expect(store.get('a')).toBe(a) // a is now the most recently used
    store.put('c', Buffer.alloc(100))
    expect(store.get('b')).toBeUndefined()
    expect(store.get('a')).toBe(a)
    expect(store.count).toBe(2)
    expect(store.bytes).toBe(200)
    expect(fs.readdirSync(dir)).toHaveLength(2)
  })

  it('forgets a photo whose file was removed behind its back', () => {
    const store = new PreparedPhotoStore(dir, 1000)
    const file = store.put('x', Buffer.alloc(10))
    fs.rmSync(file)
    expect(store.get('x')).toBeUndefined()
    expect(store.bytes).toBe(0)
  })
})
