import { Resvg } from '@resvg/resvg-js'
import jpeg from 'jpeg-js'
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import path from 'node:path'
import { FONT_FAMILIES, FONTS_DIR, fontFiles } from '../domain/fonts.ts'
import { PT_PER_MM } from '../domain/sizes.ts'
import { pinPdfFaces } from './pdf-faces.ts'

export type OutputType = 'png' | 'jpeg' | 'pdf'

/** What to draw and how big: pixel size for images, paper size for PDF. */
export interface RasterRequest {
  svg: string
  type: OutputType
  /** Output pixel width (PNG/JPEG); the height follows the SVG's aspect ratio. */
  pixelWidth: number
  /** Page size in millimetres (PDF); without it the page is the SVG's size at 96 dpi. */
  pageMm?: { width: number; height: number }
  /** Pixel size of the SVG, for PDF pages without a paper size. */
  svgSize: { width: number; height: number }
}

const JPEG_QUALITY = 90
const FONT_FILES = fontFiles()

/** Turns a final SVG into PNG, JPEG or PDF bytes. Synchronous and CPU-bound: run it in a render worker. */
export async function rasterize(req: RasterRequest): Promise<Buffer> {
  if (req.type === 'pdf') return toPdf(req)
  const rendered = new Resvg(req.svg, {
    fitTo: { mode: 'width', value: req.pixelWidth },
    // No system fonts: a poster must look the same on every host, with our bundled families only.
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'Inter' },
    background: req.type === 'jpeg' ? '#ffffff' : undefined,
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  }).render()
  if (req.type === 'png') return rendered.asPng()
  const encoded = jpeg.encode({ data: rendered.pixels, width: rendered.width, height: rendered.height }, JPEG_QUALITY)
  return encoded.data
}

const faceByPostscript = new Map(Object.values(FONT_FAMILIES).flatMap((f) => f.faces.map((x) => [x.postscript.toLowerCase(), path.join(FONTS_DIR, x.file)] as const)))

function toPdf(req: RasterRequest): Promise<Buffer> {
  const page = req.pageMm
    ? { width: req.pageMm.width * PT_PER_MM, height: req.pageMm.height * PT_PER_MM }
    : { width: req.svgSize.width * 0.75, height: req.svgSize.height * 0.75 }
  const doc = new PDFDocument({ size: [page.width, page.height], margin: 0, autoFirstPage: true, info: { Producer: 'Maison', Creator: 'Maison visuals' } })
  const registered = new Set<string>()
  SVGtoPDF(doc, pinPdfFaces(req.svg), 0, 0, {
    width: page.width,
    height: page.height,
    preserveAspectRatio: 'xMidYMid meet',
    assumePt: false,
    // Faces are registered on first use, so a PDF embeds only the fonts it shows.
    fontCallback: (family: string) => {
      const first = family.split(',')[0]!.trim().replace(/^['"]|['"]$/g, '').toLowerCase()
      const file = faceByPostscript.get(first) ?? faceByPostscript.get('inter-regular')!
      if (!registered.has(file)) {
        doc.registerFont(file, file)
        registered.add(file)
      }
      return file
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
