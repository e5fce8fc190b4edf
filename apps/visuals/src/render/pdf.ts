import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import { FONT_FAMILIES, type FontFace } from '../domain/fonts.ts'
import { loadFont } from '../domain/measure.ts'
import { pinPdfFaces } from './pdf-faces.ts'

const faceByPostscript = new Map(Object.values(FONT_FAMILIES).flatMap((f) => f.faces.map((x) => [x.postscript.toLowerCase(), x] as const)))
const FALLBACK = faceByPostscript.get('inter-regular')!

/** Draws a final SVG onto one PDF page of `page` points, text as text with the bundled faces embedded (subset). */
export function svgToPdf(svg: string, page: { width: number; height: number }): Promise<Buffer> {
  // compress: false would make bigger files; pdfkit's deflate is a small share of the time.
  const doc = new PDFDocument({ size: [page.width, page.height], margin: 0, autoFirstPage: true, info: { Producer: 'Maison', Creator: 'Maison visuals' } })
  const registered = new Set<string>()
  SVGtoPDF(doc, pinPdfFaces(svg), 0, 0, {
    width: page.width,
    height: page.height,
    preserveAspectRatio: 'xMidYMid meet',
    assumePt: false,
    // Faces are registered on first use, so a PDF embeds only the fonts it shows; the parsed font is
    // shared across documents (parsing a TTF each time was most of a PDF's cost), pdfkit subsets per document.
    fontCallback: (family: string) => {
      const face: FontFace = faceByPostscript.get(family.split(',')[0]!.trim().replace(/^['"]|['"]$/g, '').toLowerCase()) ?? FALLBACK
      if (!registered.has(face.postscript)) {
        doc.registerFont(face.postscript, loadFont(face) as never)
        registered.add(face.postscript)
      }
      return face.postscript
    },
  })
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}
