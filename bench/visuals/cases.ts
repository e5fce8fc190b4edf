import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { renderSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT, type BrandKit } from '../../apps/visuals/src/domain/brand-kit.ts'
import { SIZES, type SizeId } from '../../apps/visuals/src/domain/sizes.ts'
import type { Template } from '../../apps/visuals/src/domain/template.ts'
import { photoDataUrl } from './photo.ts'

/** One benchmark case: a template, a size and an output, drawn by both renderers from the same SVG. */
export interface BenchCase {
  group: 'square-png' | 'a4-png' | 'a4-pdf'
  template: Template
  size: SizeId
  type: 'png' | 'pdf'
  /** The fields of the first render: default texts, the photo in every image slot. */
  fields: Record<string, unknown>
  /** The final SVG of those fields (what Chromium is given). */
  svg: string
}

export const BENCH_KIT: BrandKit = { ...DEFAULT_BRAND_KIT, name: 'Les Amis du Quartier' }

// Every square and A4 template in French, with a 1600×1200 JPEG photo where the template takes one:
// a realistic poster, not an empty frame.
const SQUARE = ['social-post-fr', 'quote-fr', 'join-us-fr', 'meeting-fr']
const A4 = ['event-poster-fr', 'general-assembly-fr', 'meeting-fr']

/** The cases of one run, grouped by target. */
export function benchCases(): BenchCase[] {
  const catalogue = loadShippedCatalogue()
  const photo = photoDataUrl(1600, 1200)
  const make = (id: string, size: SizeId, type: 'png' | 'pdf', group: BenchCase['group']): BenchCase => {
    const template = catalogue.get(id)
    const fields: Record<string, unknown> = {}
    for (const f of template.fields) if (f.type === 'image') fields[f.id] = photo
    return { group, template, size, type, fields, svg: renderSvg(template, size, fields, BENCH_KIT) }
  }
  return [
    ...SQUARE.map((id) => make(id, 'square', 'png', 'square-png')),
    ...A4.map((id) => make(id, 'a4', 'png', 'a4-png')),
    ...A4.map((id) => make(id, 'a4', 'pdf', 'a4-pdf')),
  ]
}

/**
 * The fields of render number `run` of a case, as a volunteer editing a poster sends them: the first text
 * field ends with the run number, so no two renders of a case draw the same poster. With `newPhoto`, every
 * run also carries a photo no render process has seen (same pixels, another JPEG comment, so another digest).
 */
export function fieldsForRun(c: BenchCase, run: number, newPhoto = false): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...c.fields }
  const text = c.template.fields.find((f) => f.type === 'text')
  if (text?.type === 'text') fields[text.id] = `${[...text.default[c.template.language]].slice(0, text.maxLength - 6).join('')} ${run + 1}`
  if (newPhoto) for (const f of c.template.fields) if (f.type === 'image') fields[f.id] = withComment(c.fields[f.id] as string, `bench run ${run} ${Math.random()}`)
  return fields
}

// A COM segment right after the JPEG's start marker changes its bytes and not its pixels.
function withComment(dataUrl: string, comment: string): string {
  const jpeg = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
  const body = Buffer.from(comment, 'latin1')
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body])
  return `data:image/jpeg;base64,${Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]).toString('base64')}`
}

/** Pixel size of a case (A4 at 150 dpi). */
export function pixelSize(c: BenchCase): { width: number; height: number } {
  return { width: SIZES[c.size].width, height: SIZES[c.size].height }
}
