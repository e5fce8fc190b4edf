import SVGtoPDF from 'svg-to-pdfkit'
import { FONT_FAMILIES } from '../domain/fonts.ts'
import { pinPdfFaces } from './pdf-faces.ts'
import { PosterDocument } from './pdf/document.ts'
import { warmFaces } from './pdf/face.ts'
import { drawElements } from './pdf/elements.ts'
import { liftImages } from './pdf/images.ts'
import { splitSvg } from './pdf/split-svg.ts'

/**
 * Draws a final SVG onto one PDF page of `page` points, text as text with the bundled faces embedded (subset).
 * Per process, shaped text, each face's subset program, decoded photos and the operators of top-level elements
 * already drawn are kept (see pdf/), so a render mostly draws what changed since the last one; `reuse: false`
 * draws the SVG whole with svg-to-pdfkit, as a reference.
 */
export function svgToPdf(svg: string, page: { width: number; height: number }, { reuse = true }: { reuse?: boolean } = {}): Promise<Buffer> {
  const poster = new PosterDocument(page)
  const images = liftImages(svg)
  const pinned = pinPdfFaces(images.svg)
  const draw = (source: string): void =>
    SVGtoPDF(poster.doc, source, 0, 0, {
      width: page.width,
      height: page.height,
      preserveAspectRatio: 'xMidYMid meet',
      assumePt: false,
      imageCallback: images.resolve,
      // svg-to-pdfkit quotes the image it could not open: a photo's bytes would flood the log.
      warningCallback: (warning: string) => console.warn(warning.length > 200 ? `${warning.slice(0, 200)}…` : warning),
      // A face enters the document on first use, so a PDF embeds only the fonts it shows.
      fontCallback: (family: string) => poster.fontFor(family),
    })
  const split = reuse ? splitSvg(pinned) : null
  if (split) drawElements(poster, split, `${page.width}x${page.height}`, draw)
  else draw(pinned)
  return poster.finish()
}

/** Prepares every bundled face for PDF output while a render process has nothing else to do (see pdf/face.ts). */
export function warmPdfFaces(): Promise<void> {
  return warmFaces(Object.values(FONT_FAMILIES).flatMap((f) => f.faces))
}
