import { Resvg } from '@resvg/resvg-js'
import path from 'node:path'
import { FONT_FAMILIES, FONTS_DIR } from '../domain/fonts.ts'
import { PT_PER_MM } from '../domain/sizes.ts'
import { encodePng } from './png.ts'

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
const FALLBACK_FONT = path.join(FONTS_DIR, FONT_FAMILIES.inter.faces[0]!.file)
const FAMILIES = new Map(Object.values(FONT_FAMILIES).map((f) => [f.family.toLowerCase(), f.faces]))

/**
 * The font files an SVG needs. resvg parses every file it is given on each render (about 1–2 ms a face).
 * The layout pins each text to one face (family, weight, style), so an element naming all three gets that
 * face alone; one that leaves weight or style to inheritance gets its family's every face, as before.
 */
export function fontFilesFor(svg: string): string[] {
  // Texts drawn as outlines leave no <text> behind: resvg needs no font at all.
  if (!/<text[\s>/]/.test(svg)) return []
  const files = new Set([FALLBACK_FONT])
  // A weight or style set apart from a family (a bold <tspan>) may pick any face of the inherited family.
  const inherits = /<[a-zA-Z]+\s(?:(?!font-family=)[^>])*font-(?:weight|style)=(?:(?!font-family=)[^>])*>/.test(svg)
  for (const [tag] of svg.matchAll(/<[a-zA-Z]+\s[^>]*font-family="[^"]+"[^>]*>/g)) {
    const family = attr(tag, 'font-family')!.split(',')[0]!.trim().replace(/^['"]|['"]$/g, '').toLowerCase()
    const faces = FAMILIES.get(family) ?? []
    const weight = Number(attr(tag, 'font-weight'))
    const style = attr(tag, 'font-style')
    const exact = style && !inherits ? faces.filter((f) => f.weight === weight && f.italic === (style === 'italic')) : []
    for (const f of exact.length === 1 ? exact : faces) files.add(path.join(FONTS_DIR, f.file))
  }
  return [...files]
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
}

/** Turns a final SVG into PNG, JPEG or PDF bytes. Synchronous and CPU-bound: run it in a render worker. */
export async function rasterize(req: RasterRequest): Promise<Buffer> {
  if (req.type === 'pdf') return toPdf(req)
  const { pixels, width, height } = drawPixels(req.svg, req.type, req.pixelWidth)
  return encodeImage(req.type, pixels, width, height)
}

/** Straight RGBA pixels of an SVG drawn `pixelWidth` wide (or at its own size), as PNG and JPEG outputs draw it. */
export function drawPixels(svg: string, type: 'png' | 'jpeg', pixelWidth?: number): { pixels: Buffer; width: number; height: number } {
  const rendered = new Resvg(svg, {
    fitTo: pixelWidth === undefined ? { mode: 'original' } : { mode: 'width', value: pixelWidth },
    // No system fonts: a poster must look the same on every host, with our bundled families only.
    font: { loadSystemFonts: false, fontFiles: fontFilesFor(svg), defaultFontFamily: 'Inter' },
    background: type === 'jpeg' ? '#ffffff' : undefined,
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  }).render()
  return { pixels: rendered.pixels, width: rendered.width, height: rendered.height }
}

/** Encodes straight RGBA pixels as a PNG or a JPEG file. */
export async function encodeImage(type: 'png' | 'jpeg', pixels: Uint8Array, width: number, height: number): Promise<Buffer> {
  // Our encoder, not resvg's asPng(): same pixels, 2–3 times less CPU on posters (see png.ts).
  if (type === 'png') return encodePng(pixels, width, height)
  jpegModule ??= import('jpeg-js')
  const mod = await jpegModule
  // jpeg-js is CommonJS: under Node its exports arrive as `default`.
  const jpeg = (mod as typeof mod & { default?: typeof mod }).default ?? mod
  return jpeg.encode({ data: pixels as Buffer, width, height }, JPEG_QUALITY).data
}

function toPdf(req: RasterRequest): Promise<Buffer> {
  const page = req.pageMm
    ? { width: req.pageMm.width * PT_PER_MM, height: req.pageMm.height * PT_PER_MM }
    : { width: req.svgSize.width * 0.75, height: req.svgSize.height * 0.75 }
  // pdfkit and svg-to-pdfkit take ~0.5 s to load; image renders never need them.
  pdfModule ??= import('./pdf.ts')
  return pdfModule.then((m) => m.svgToPdf(req.svg, page))
}

let pdfModule: Promise<typeof import('./pdf.ts')> | null = null
let jpegModule: Promise<typeof import('jpeg-js')> | null = null

/** Loads the PDF and JPEG encoders ahead of the first render that needs them. */
export function preloadEncoders(): Promise<unknown> {
  pdfModule ??= import('./pdf.ts')
  jpegModule ??= import('jpeg-js')
  return Promise.all([pdfModule, jpegModule])
}
