import PDFDocument from 'pdfkit'
import { FONT_FAMILIES, type FontFace } from '../../domain/fonts.ts'
import { pdfFace } from './face.ts'
import { DocFont, type GlyphRecorder, type PdfRef, type PdfRefMaker } from './doc-font.ts'

const faceByPostscript = new Map(Object.values(FONT_FAMILIES).flatMap((f) => f.faces.map((x) => [x.postscript.toLowerCase(), x] as const)))
const FALLBACK = faceByPostscript.get('inter-regular')!

/** The pdfkit page fields we read and write (pdfkit 0.20). */
export interface PdfkitPage {
  write(chunk: string | Uint8Array): void
  resources: PdfRef
  dictionary: PdfRef
  fonts: Record<string, PdfRef>
  ext_gstates: Record<string, PdfRef>
}

// pdfkit keeps a document's fonts by name in `_fontFamilies` and its opacity states in `_opacityRegistry`
// (pdfkit 0.20; test/visuals/pdf.test.ts checks fonts still embed and text still extracts).
interface PdfkitInternals {
  _fontFamilies: Record<string, unknown>
  _opacityRegistry: Record<string, [PdfRef, string]>
  page: PdfkitPage
}

/**
 * One PDF page being drawn, around a pdfkit document whose resource names do not depend on drawing order:
 * a font is named after its face (`F` + PostScript name) and an opacity state after its values (`Gs0.2_null`),
 * so the operators drawn for an element in one document can be written again in another.
 */
export class PosterDocument {
  readonly doc: PDFKit.PDFDocument
  /** While set, every glyph any font of this document encodes is reported here. */
  recorder: GlyphRecorder | null = null
  private readonly internals: PdfkitInternals

  constructor(page: { width: number; height: number }) {
    // `font: null`: no Helvetica loaded (its metrics parsed) for a document that never shows it.
    this.doc = new PDFDocument({ size: [page.width, page.height], margin: 0, autoFirstPage: true, font: null as never, info: { Producer: 'Maison', Creator: 'Maison visuals' } })
    this.internals = this.doc as unknown as PdfkitInternals
    const refs = this.doc as unknown as PdfRefMaker
    this.internals._opacityRegistry = new Proxy({} as Record<string, [PdfRef, string]>, {
      get(states, key: string) {
        if (typeof key !== 'string' || key in states) return states[key]
        const [fill, stroke] = key.split('_')
        const data: Record<string, unknown> = { Type: 'ExtGState' }
        if (fill !== 'null') data.ca = Number(fill)
        if (stroke !== 'null') data.CA = Number(stroke)
        const ref = refs.ref(data)
        ref.end()
        return (states[key] = [ref, `Gs${key}`])
      },
    })
  }

  /** The pdfkit page being drawn. */
  get page(): PdfkitPage {
    return this.internals.page
  }

  /** The resource name of the face an SVG `font-family` names (our faces are pinned by PostScript name), adding the font on first use. */
  fontFor(family: string): string {
    const face = faceByPostscript.get(family.split(',')[0]!.trim().replace(/^['"]|['"]$/g, '').toLowerCase()) ?? FALLBACK
    return this.font(face).id
  }

  /** The document's font of a resource name made by `fontFor`, or undefined. */
  fontById(id: string): DocFont | undefined {
    const face = faceByPostscript.get(id.slice(1).toLowerCase())
    return face && this.font(face)
  }

  /** The opacity state of a name made by this document (`Gs…`). */
  opacityState(name: string): PdfRef {
    return this.internals._opacityRegistry[name.slice(2)]![0]
  }

  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      this.doc.on('data', (c: Buffer) => chunks.push(c))
      this.doc.on('end', () => resolve(Buffer.concat(chunks)))
      this.doc.on('error', reject)
      this.doc.end()
    })
  }

  private font(face: FontFace): DocFont {
    const id = `F${face.postscript}`
    let font = this.internals._fontFamilies[id] as DocFont | undefined
    if (!font) {
      // svg-to-pdfkit calls doc.font(id), which finds our object here before trying to open a file.
      font = new DocFont(this.doc as unknown as PdfRefMaker, pdfFace(face), id, (f, gid, width, cps) => this.recorder?.(f, gid, width, cps))
      this.internals._fontFamilies[id] = font
    }
    return font
  }
}
