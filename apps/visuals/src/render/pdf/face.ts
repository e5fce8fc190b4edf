import { createHash } from 'node:crypto'
import zlib from 'node:zlib'
import type { FontFace } from '../../domain/fonts.ts'
import { loadFont } from '../../domain/measure.ts'
import { WIDE_CODE_POINTS, WIDE_SAMPLE } from './wide-set.ts'

/** What we read of a fontkit font (fontkit has no typings). */
export interface FontkitFont {
  unitsPerEm: number
  ascent: number
  descent: number
  lineGap: number
  xHeight: number
  capHeight: number
  italicAngle: number
  bbox: { minX: number; minY: number; maxX: number; maxY: number }
  postscriptName: string
  post: { isFixedPitch: number | boolean }
  head: { macStyle: { italic: boolean } }
  'OS/2'?: { sFamilyClass: number }
  layout(text: string, features?: unknown): { glyphs: FontkitGlyph[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] }
  glyphForCodePoint(codePoint: number): FontkitGlyph
  createSubset(): FontkitSubset
}

interface FontkitGlyph {
  id: number
  advanceWidth: number
  codePoints: number[]
}

interface FontkitSubset {
  glyphs: number[]
  includeGlyph(id: number): number
  encode(): Uint8Array
}

/** A glyph's placement as pdfkit reports it, in thousandths of the font size. */
export interface GlyphPosition {
  xAdvance: number
  yAdvance: number
  xOffset: number
  yOffset: number
  advanceWidth: number
}

/** One shaped piece of text: glyph ids of the font, the characters each stands for, their positions. */
export interface ShapedRun {
  glyphIds: number[]
  codePoints: number[][]
  positions: GlyphPosition[]
  advanceWidth: number
}

/** The FontDescriptor values of a face, in thousandths of an em as PDF wants them. */
export interface FaceDescriptor {
  flags: number
  bbox: [number, number, number, number]
  italicAngle: number
  ascent: number
  descent: number
  capHeight: number
  xHeight: number
}

/** Fixed glyph numbers: `order[n]` is the font glyph of number n, `gids` the reverse. */
interface Numbering {
  order: number[]
  gids: Map<number, number>
  program?: FontProgram
}

function number(numbering: Numbering, glyphId: number): void {
  if (glyphId !== 0 && !numbering.gids.has(glyphId)) {
    numbering.gids.set(glyphId, numbering.order.length)
    numbering.order.push(glyphId)
  }
}

/** A subset font program ready to embed: deflated bytes, its raw length, its subset tag. */
export interface FontProgram {
  bytes: Buffer
  length1: number
  tag: string
}

// Shaped words are kept per face across documents; a poster re-uses nearly all of its words on the next render.
const RUN_CACHE_MAX = 20_000
const NO_POSITIONING = { kern: false, mark: false, mkmk: false, dist: false, cpsp: false }
// Extended programs (the wide set plus a document's extra glyphs) kept per face, least recently used dropped.
const EXTENDED_CACHE_MAX = 16

/**
 * A bundled face as PDF documents of this process use it: shaping results shared by every document, and
 * subset programs of the wide set (see wide-set.ts) encoded and compressed once, with fixed glyph numbers, so
 * a document's content stream can name glyphs before knowing which others it will use. The characters' own
 * glyphs are numbered first; the glyphs only shaping gives (ligatures, alternates) follow, found the first time
 * a document shows one, and only documents showing one embed them.
 */
export class PdfFace {
  readonly font: FontkitFont
  readonly scale: number
  private readonly runs = new Map<string, ShapedRun>()
  private described: FaceDescriptor | null = null
  private baseSet: Numbering | null = null
  private fullSet: Numbering | null = null
  private readonly extended = new Map<string, FontProgram>()

  constructor(readonly face: FontFace) {
    this.font = loadFont(face) as FontkitFont
    this.scale = 1000 / this.font.unitsPerEm
  }

  /** Shapes `text` as pdfkit's EmbeddedFont.layoutRun does (positions scaled to 1000 units); cached unless `features` are given. */
  shape(text: string, features?: unknown): ShapedRun {
    if (features) return this.shapeNow(text, features)
    let run = this.runs.get(text)
    if (!run) {
      run = this.shapeNow(text)
      if (this.runs.size >= RUN_CACHE_MAX) this.runs.delete(this.runs.keys().next().value!)
      this.runs.set(text, run)
    }
    return run
  }

  /** The face's FontDescriptor values (fontkit decodes its tables lazily; read once per process). */
  descriptor(): FaceDescriptor {
    if (this.described) return this.described
    const { font, scale } = this
    const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8
    // Flags as pdfkit sets them: fixed pitch, serif, symbolic (always, for CID fonts), script, italic.
    let flags = 1 << 2
    if (font.post.isFixedPitch) flags |= 1 << 0
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1
    if (familyClass === 10) flags |= 1 << 3
    if (font.head.macStyle.italic) flags |= 1 << 6
    const { minX, minY, maxX, maxY } = font.bbox
    this.described = {
      flags,
      bbox: [minX * scale, minY * scale, maxX * scale, maxY * scale],
      italicAngle: font.italicAngle,
      ascent: font.ascent * scale,
      descent: font.descent * scale,
      capHeight: (font.capHeight || font.ascent) * scale,
      xHeight: (font.xHeight || 0) * scale,
    }
    return this.described
  }

  /** The fixed subset glyph number of a font glyph, or undefined when it is outside the wide set. */
  wideGid(glyphId: number): number | undefined {
    // The sample is shaped only once a document shows a glyph the characters alone do not give.
    return this.base().gids.get(glyphId) ?? this.full().gids.get(glyphId)
  }

  /** Where extra glyph numbers start: after the whole wide set, sample glyphs included. */
  wideCount(): number {
    return this.full().order.length
  }

  /** Whether a glyph number belongs to the fixed subset (the same in every document of the process). */
  isFixed(gid: number): boolean {
    return gid < (this.fullSet ?? this.base()).order.length
  }

  /**
   * The program a document needs: the wide set's characters alone when its highest glyph number is among them,
   * else the whole wide set, followed by `extras` (font glyph ids, in the order they were numbered) if any.
   */
  program(extras: readonly number[], highestGid: number): FontProgram {
    const base = this.base()
    if (!extras.length && highestGid < base.order.length) return (base.program ??= this.encode(base.order, 'base'))
    const full = this.full()
    if (!extras.length) return (full.program ??= this.encode(full.order, 'full'))
    const key = extras.join(',')
    let program = this.extended.get(key)
    if (program) {
      this.extended.delete(key)
    } else {
      program = this.encode([...full.order, ...extras], key)
      if (this.extended.size >= EXTENDED_CACHE_MAX) this.extended.delete(this.extended.keys().next().value!)
    }
    this.extended.set(key, program)
    return program
  }

  private shapeNow(text: string, features?: unknown): ShapedRun {
    const run = this.font.layout(text, features)
    const positions: GlyphPosition[] = []
    let advanceWidth = 0
    for (let i = 0; i < run.glyphs.length; i++) {
      const p = run.positions[i]!
      const position = { xAdvance: p.xAdvance * this.scale, yAdvance: p.yAdvance * this.scale, xOffset: p.xOffset * this.scale, yOffset: p.yOffset * this.scale, advanceWidth: run.glyphs[i]!.advanceWidth * this.scale }
      advanceWidth += position.xAdvance
      positions.push(position)
    }
    return { glyphIds: run.glyphs.map((g) => g.id), codePoints: run.glyphs.map((g) => g.codePoints), positions, advanceWidth }
  }

  private base(): Numbering {
    if (this.baseSet) return this.baseSet
    const numbering: Numbering = { order: [0], gids: new Map([[0, 0]]) }
    for (const cp of WIDE_CODE_POINTS) number(numbering, this.font.glyphForCodePoint(cp).id)
    return (this.baseSet = numbering)
  }

  private full(): Numbering {
    if (this.fullSet) return this.fullSet
    const base = this.base()
    const numbering: Numbering = { order: [...base.order], gids: new Map(base.gids) }
    // Only the substitutions matter here: positioning features are turned off, which also makes it cheaper.
    for (const glyph of this.font.layout(WIDE_SAMPLE, NO_POSITIONING).glyphs) number(numbering, glyph.id)
    return (this.fullSet = numbering)
  }

  private encode(glyphIds: readonly number[], key: string): FontProgram {
    const subset = this.font.createSubset()
    // fontkit numbers glyphs in the order they are included, .notdef first; components of composite
    // glyphs are appended after every included glyph when encoding, so our numbers hold.
    for (const id of glyphIds) subset.includeGlyph(id)
    const raw = subset.encode()
    const digest = createHash('sha1').update(`${this.face.postscript}\u0000${key}`).digest()
    const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('')
    return { bytes: zlib.deflateSync(raw), length1: raw.length, tag }
  }
}

const faces = new Map<string, PdfFace>()

/** The process-wide PDF state of a bundled face (created on first use). */
export function pdfFace(face: FontFace): PdfFace {
  let found = faces.get(face.file)
  if (!found) {
    found = new PdfFace(face)
    faces.set(face.file, found)
  }
  return found
}

/**
 * Prepares the fixed subset (shaping sample, encoded program) of each face, one face per turn of the event
 * loop, so that the first PDF of a process does not pay for it (20–200 ms a face on a cold process).
 */
export async function warmFaces(list: readonly FontFace[]): Promise<void> {
  for (const face of list) {
    await new Promise((resolve) => setImmediate(resolve))
    const pdf = pdfFace(face)
    pdf.program([], 0)
    pdf.program([], Infinity)
  }
}
