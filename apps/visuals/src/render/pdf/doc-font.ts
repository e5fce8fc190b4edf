import zlib from 'node:zlib'
import type { GlyphPosition, PdfFace } from './face.ts'
import { toUnicodeCmap } from './to-unicode.ts'

/** The part of a pdfkit object reference we use. */
export interface PdfRef {
  data: Record<string, unknown>
  end(chunk?: string | Uint8Array): void
}

/** The part of a pdfkit document a font needs: making object references. */
export interface PdfRefMaker {
  ref(data?: Record<string, unknown>): PdfRef
}

/** Called for every glyph a font encodes: its glyph number, width (thousandths of an em) and characters. */
export type GlyphRecorder = (font: DocFont, gid: number, width: number, codePoints: number[]) => void

const hex = (gid: number): string => (gid < 0x10 ? '000' : gid < 0x100 ? '00' : gid < 0x1000 ? '0' : '') + gid.toString(16)

/**
 * One face in one PDF document, in the shape pdfkit and svg-to-pdfkit expect of an embedded font
 * (`encode`, metrics, `ref`, `finalize`). Unlike pdfkit's EmbeddedFont it shapes through the face's
 * process-wide cache and numbers glyphs with the face's fixed wide subset, whose program is encoded
 * once per process; glyphs outside it get the numbers after it, and the document then embeds the
 * wide set plus those extras.
 */
export class DocFont {
  /** Characters of each glyph number used so far, as pdfkit keeps them (svg-to-pdfkit reads them). */
  readonly unicode: number[][] = [[0]]
  readonly name: string
  readonly scale: number
  readonly ascender: number
  readonly descender: number
  readonly xHeight: number
  readonly capHeight: number
  readonly lineGap: number
  readonly bbox: PdfFace['font']['bbox']
  private readonly widths = new Map<number, number>()
  private readonly extras = new Map<number, number>()
  private dictionary: PdfRef | null = null
  private embedded = false

  constructor(private readonly doc: PdfRefMaker, private readonly face: PdfFace, readonly id: string, private readonly record?: GlyphRecorder) {
    const { font, scale } = face
    this.name = font.postscriptName
    this.scale = scale
    this.ascender = font.ascent * scale
    this.descender = font.descent * scale
    this.xHeight = font.xHeight * scale
    this.capHeight = font.capHeight * scale
    this.lineGap = font.lineGap * scale
    this.bbox = font.bbox
  }

  /** Glyph numbers (4 hex digits) and positions of `text`, split into words as pdfkit's EmbeddedFont.layout splits it. */
  encode(text: string, features?: unknown): [string[], GlyphPosition[]] {
    const codes: string[] = []
    const positions: GlyphPosition[] = []
    for (const run of this.runs(text, features)) {
      for (let i = 0; i < run.glyphIds.length; i++) {
        const gid = this.gid(run.glyphIds[i]!)
        codes.push(hex(gid))
        this.note(gid, run.positions[i]!.advanceWidth, run.codePoints[i]!)
        this.record?.(this, gid, run.positions[i]!.advanceWidth, run.codePoints[i]!)
        positions.push(run.positions[i]!)
      }
    }
    return [codes, positions]
  }

  /** Marks a glyph as shown, for the widths and the ToUnicode map; content drawn earlier and written again calls it directly. */
  note(gid: number, width: number, codePoints: number[]): void {
    if (this.widths.has(gid)) return
    this.widths.set(gid, width)
    this.unicode[gid] = codePoints
  }

  /** Whether a glyph number belongs to the face's fixed wide subset (the same in every document). */
  isFixed(gid: number): boolean {
    return this.face.isFixed(gid)
  }

  /** Width of `text` at `size`, as pdfkit computes it. */
  widthOfString(text: string, size: number, features?: unknown): number {
    let width = 0
    for (const run of this.runs(text, features)) width += run.advanceWidth
    return (width * size) / 1000
  }

  /** Line height at `size`, as pdfkit computes it. */
  lineHeight(size: number, includeGap = false): number {
    return ((this.ascender + (includeGap ? this.lineGap : 0) - this.descender) / 1000) * size
  }

  /** The font's dictionary, made on first use so that a face never drawn is never embedded. */
  ref(): PdfRef {
    return (this.dictionary ??= this.doc.ref())
  }

  /** Writes the font's objects; pdfkit calls it once the page is done. */
  finalize(): void {
    if (this.embedded || !this.dictionary) return
    this.embed(this.dictionary)
    this.embedded = true
  }

  private *runs(text: string, features?: unknown): Generator<ReturnType<PdfFace['shape']>> {
    if (features) {
      yield this.face.shape(text, features)
      return
    }
    // pdfkit shapes word by word, each word with its following space or tab; kerning stops at spaces.
    let last = 0
    for (let index = 0; index <= text.length; ) {
      const c = text.charAt(index)
      if ((index === text.length && last < index) || c === ' ' || c === '\t') {
        yield this.face.shape(text.slice(last, ++index))
        last = index
      } else {
        index++
      }
    }
  }

  private gid(glyphId: number): number {
    const wide = this.face.wideGid(glyphId)
    if (wide !== undefined) return wide
    let extra = this.extras.get(glyphId)
    if (extra === undefined) {
      extra = this.face.wideCount() + this.extras.size
      this.extras.set(glyphId, extra)
    }
    return extra
  }

  private embed(dictionary: PdfRef): void {
    let highest = 0
    for (const gid of this.widths.keys()) if (gid > highest && this.face.isFixed(gid)) highest = gid
    const program = this.face.program([...this.extras.keys()], highest)
    const fontFile = this.doc.ref({ Length1: program.length1, Filter: 'FlateDecode' })
    fontFile.end(program.bytes)
    const name = `${program.tag}+${this.name.replaceAll(' ', '_')}`
    const d = this.face.descriptor()
    const descriptor = this.doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: d.flags,
      FontBBox: d.bbox,
      ItalicAngle: d.italicAngle,
      Ascent: d.ascent,
      Descent: d.descent,
      CapHeight: d.capHeight,
      XHeight: d.xHeight,
      StemV: 0,
      FontFile2: fontFile,
    })
    descriptor.end()
    // Widths of the glyphs this document shows only, as `gid [width]` pairs: the wide set is mostly unused.
    const widths: (number | number[])[] = []
    for (const gid of [...this.widths.keys()].sort((a, b) => a - b)) widths.push(gid, [this.widths.get(gid)!])
    const descendant = this.doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: widths,
      CIDToGIDMap: 'Identity',
    })
    descendant.end()
    const cmap = this.doc.ref({ Filter: 'FlateDecode' })
    cmap.end(deflatedCmap(toUnicodeCmap(this.unicode)))
    dictionary.data = { Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [descendant], ToUnicode: cmap }
    dictionary.end()
  }
}

// Successive renders of a poster show the same glyphs: their compressed ToUnicode maps are kept by text.
const CMAP_CACHE_MAX = 512
const cmaps = new Map<string, Buffer>()

function deflatedCmap(text: string): Buffer {
  let bytes = cmaps.get(text)
  if (!bytes) {
    bytes = zlib.deflateSync(text)
    if (cmaps.size >= CMAP_CACHE_MAX) cmaps.delete(cmaps.keys().next().value!)
    cmaps.set(text, bytes)
  }
  return bytes
}
