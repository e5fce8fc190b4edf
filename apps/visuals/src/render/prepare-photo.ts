import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { Resvg } from '@resvg/resvg-js'
import type { ImagePlacement, PreparedImage, Rect } from '../domain/slots/image-slot.ts'
import type { RasterImage } from '../domain/images.ts'
import { createPhotoDir, PreparedPhotoStore } from './photo-store.ts'
import { pngFile } from './png.ts'

/** The output a layout is drawn to: its pixel size (resvg fits the SVG to the width, the height is rounded). */
export interface RasterTarget {
  pixelWidth: number
  pixelHeight: number
}

// 96 MB of prepared photos: about 20 full-bleed A4 or square photos per render process.
const STORE_BYTES = 96 * 1024 * 1024
// A photo larger than this on the output (print-size renders) is drawn from its original each time.
const MAX_PREPARED_PIXELS = 8_000_000
const EPS = 1e-6

let store: PreparedPhotoStore | null = null
const digests = new WeakMap<RasterImage, string>()

/**
 * Prepares photos for one raster output: each is decoded, cropped to what its frame shows and resampled
 * (resvg's own bicubic filter, so it looks exactly as before) once to the whole output pixels it covers,
 * then stored per process keyed by photo digest, crop and pixel size. Later renders of the same photo at the
 * same place and size (a volunteer editing a poster's texts) draw those pixels 1:1 and never decode the
 * original again. Answers null (draw the original) when the photo is not worth preparing.
 */
export function photoPreparer(target: RasterTarget): (p: ImagePlacement, viewBox: { width: number; height: number }) => PreparedImage | null {
  return (p, viewBox) => {
    const kx = target.pixelWidth / viewBox.width
    const ky = target.pixelHeight / viewBox.height
    const box = scaled(p.box, kx, ky)
    const frame = scaled(p.frame, kx, ky)
    const x0 = Math.max(box.x, frame.x, 0)
    const y0 = Math.max(box.y, frame.y, 0)
    const x1 = Math.min(box.x + box.width, frame.x + frame.width, target.pixelWidth)
    const y1 = Math.min(box.y + box.height, frame.y + frame.height, target.pixelHeight)
    if (x1 - x0 <= EPS || y1 - y0 <= EPS) return null
    // Whole output pixels covering what shows; an edge within EPS of a pixel boundary is on it.
    const px0 = Math.floor(x0 + EPS)
    const py0 = Math.floor(y0 + EPS)
    const pw = Math.ceil(x1 - EPS) - px0
    const ph = Math.ceil(y1 - EPS) - py0
    if (pw * ph > MAX_PREPARED_PIXELS) return null
    const at = { x: box.x - px0, y: box.y - py0, width: box.width, height: box.height }
    const key = `${digestOf(p.image)} ${pw}x${ph} ${at.x} ${at.y} ${at.width} ${at.height}`
    store ??= new PreparedPhotoStore(createPhotoDir(), STORE_BYTES)
    const href = store.get(key) ?? store.put(key, resample(p.image, pw, ph, at))
    // The frame still clips when it has rounded corners or cuts through a pixel the photo covers.
    const clip = p.rounded || px0 < frame.x - EPS || py0 < frame.y - EPS || px0 + pw > frame.x + frame.width + EPS || py0 + ph > frame.y + frame.height + EPS
    return { href, box: { x: px0 / kx, y: py0 / ky, width: pw / kx, height: ph / ky }, clip }
  }
}

/** How many prepared photos this process keeps, and their bytes (for tests and diagnostics). */
export function preparedPhotoStats(): { count: number; bytes: number } {
  return { count: store?.count ?? 0, bytes: store?.bytes ?? 0 }
}

/** Drops this process's prepared photos and their folder (a test or tool that ends without exiting cleanly). */
export function releasePreparedPhotos(): void {
  store?.destroy()
  store = null
}

function scaled(r: Rect, kx: number, ky: number): Rect {
  return { x: r.x * kx, y: r.y * ky, width: r.width * kx, height: r.height * ky }
}

function digestOf(image: RasterImage): string {
  let d = digests.get(image)
  if (!d) {
    d = crypto.createHash('sha256').update(image.dataUrl).digest('base64url')
    digests.set(image, d)
  }
  return d
}

/** Draws the photo alone on a canvas of the pixels it covers, as the full render would, into an uncompressed PNG. */
function resample(image: RasterImage, width: number, height: number, at: Rect): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<image x="${at.x}" y="${at.y}" width="${at.width}" height="${at.height}" preserveAspectRatio="none" href="${image.dataUrl}"/></svg>`
  const pixels = new Resvg(svg, { imageRendering: 0, font: { loadSystemFonts: false } }).render().pixels
  return storedPng(pixels, width, height)
}

// Stored (level 0) rather than deflated: resvg decodes it at memory speed on every render, and it is written once.
function storedPng(pixels: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4
  const raw = Buffer.allocUnsafe((stride + 1) * height)
  for (let r = 0; r < height; r++) {
    raw[r * (stride + 1)] = 0
    raw.set(pixels.subarray(r * stride, (r + 1) * stride), r * (stride + 1) + 1)
  }
  return pngFile(width, height, zlib.deflateSync(raw, { level: 0 }))
}
