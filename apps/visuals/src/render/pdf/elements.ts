import type { PosterDocument } from './document.ts'
import type { SplitSvg } from './split-svg.ts'
import { PLACEHOLDER } from './images.ts'

/** What drawing one top-level element wrote on the page, to be written again in later documents. */
interface DrawnElement {
  bytes: Buffer
  fonts: string[]
  states: string[]
  glyphs: [font: string, gid: number, width: number, codePoints: number[]][]
}

// A poster's locked parts (backgrounds, labels, logo, QR code) come back unchanged in every render of its
// template; only the fields a volunteer edits are drawn again. Bounded by bytes, least recently used dropped.
const MAX_BYTES = 16 * 1024 * 1024
const drawn = new Map<string, DrawnElement>()
let held = 0

/**
 * Draws an SVG's top-level elements one by one on the document's page, each alone under the same root
 * (`draw` runs svg-to-pdfkit on the SVG it is given). An element drawn before with the same root and page
 * size is written again from what it wrote then, without svg-to-pdfkit. An element is kept only when its
 * operators name nothing but our fonts (by face, wide-subset glyphs only) and opacity states (by value):
 * images, clips, masks, patterns and links create objects of their own document and are drawn every time.
 */
export function drawElements(poster: PosterDocument, split: SplitSvg, pageKey: string, draw: (svg: string) => void): void {
  for (const child of split.children) {
    const key = `${pageKey}\u0000${split.open}\u0000${child}`
    const hit = drawn.get(key)
    if (hit) {
      drawn.delete(key)
      drawn.set(key, hit)
      replay(poster, hit)
      continue
    }
    const alone = `${split.open}${child}${split.close}`
    // A placeholder names another photo in every document: an element showing one is never kept, even
    // when pdfkit could not open that photo and drew nothing.
    if (child.includes(PLACEHOLDER)) {
      draw(alone)
      continue
    }
    const element = capture(poster, () => draw(alone))
    if (element) keep(key, element)
  }
}

function replay(poster: PosterDocument, element: DrawnElement): void {
  const page = poster.page
  for (const id of element.fonts) page.fonts[id] = poster.fontById(id)!.ref()
  for (const name of element.states) page.ext_gstates[name] = poster.opacityState(name)
  for (const [id, gid, width, codePoints] of element.glyphs) poster.fontById(id)!.note(gid, width, codePoints)
  page.write(element.bytes)
}

function capture(poster: PosterDocument, draw: () => void): DrawnElement | null {
  const page = poster.page
  const chunks: string[] = []
  const glyphs: DrawnElement['glyphs'] = []
  let fixedGlyphs = true
  const resources = page.resources.data
  const before = resourceCounts(resources, page.dictionary.data)
  const write = page.write
  page.write = (chunk) => {
    // pdfkit's content writes are strings, each followed by a newline; anything else is not ours to repeat.
    chunks.push(typeof chunk === 'string' ? chunk : '\u0000')
    write.call(page, chunk)
  }
  poster.recorder = (font, gid, width, codePoints) => {
    if (!font.isFixed(gid)) fixedGlyphs = false
    glyphs.push([font.id, gid, width, codePoints])
  }
  try {
    draw()
  } finally {
    delete (page as { write?: unknown }).write
    poster.recorder = null
  }
  const text = chunks.join('\n') + '\n'
  if (!fixedGlyphs || text.includes('\u0000') || resourceCounts(resources, page.dictionary.data) !== before) return null
  if (/\sDo\b|\/Pattern|\ssh\b|\sBI\b/.test(text)) return null
  const fonts = new Set<string>()
  const states = new Set<string>()
  for (const [, name] of text.matchAll(/\/(\S+) \S+ Tf\n/g)) {
    if (!poster.fontById(name!)) return null
    fonts.add(name!)
  }
  for (const [, name] of text.matchAll(/\/(\S+) gs\n/g)) {
    if (!name!.startsWith('Gs')) return null
    states.add(name!)
  }
  return { bytes: Buffer.from(text, 'latin1'), fonts: [...fonts], states: [...states], glyphs: dedupe(glyphs) }
}

// Objects an element could add that a replay would not recreate: images and groups, patterns, colour spaces, links.
function resourceCounts(resources: Record<string, unknown>, page: Record<string, unknown>): string {
  const count = (x: unknown) => (x ? Object.keys(x as object).length : 0)
  return `${count(resources.XObject)}/${count(resources.Pattern)}/${count(resources.ColorSpace)}/${count(resources.Shading)}/${count(page.Annots)}`
}

function dedupe(glyphs: DrawnElement['glyphs']): DrawnElement['glyphs'] {
  const seen = new Set<string>()
  return glyphs.filter(([id, gid]) => !seen.has(`${id}:${gid}`) && (seen.add(`${id}:${gid}`), true))
}

function keep(key: string, element: DrawnElement): void {
  const cost = element.bytes.length + key.length * 2 + element.glyphs.length * 64
  if (cost > MAX_BYTES / 8) return
  while (held + cost > MAX_BYTES && drawn.size) {
    const [oldKey, old] = drawn.entries().next().value!
    drawn.delete(oldKey)
    held -= old.bytes.length + oldKey.length * 2 + old.glyphs.length * 64
  }
  drawn.set(key, element)
  held += cost
}
