import { ValidationError } from '@maison/errors'

/** A decoded raster image reference: what an `<image>` needs to be placed without distortion. */
export interface RasterImage {
  dataUrl: string
  mime: 'image/png' | 'image/jpeg'
  width: number
  height: number
}

const DATA_URL = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/]+={0,2})$/

/**
 * Reads a PNG or JPEG data URL and its pixel size from the file header.
 * @throws ValidationError when it is not a readable PNG or JPEG
 */
export function readRasterDataUrl(dataUrl: string, path: string): RasterImage {
  // Checking a photo's few hundred kB of base64 costs milliseconds; previews send the same photo on every keystroke.
  const known = recent.get(dataUrl)
  if (known) return known
  const image = readUncached(dataUrl, path)
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!)
  recent.set(dataUrl, image)
  return image
}

const RECENT_MAX = 16
const MAX_PIXELS = 40_000_000
const MAX_SIDE = 10_000
const recent = new Map<string, RasterImage>()

function readUncached(dataUrl: string, path: string): RasterImage {
  const m = DATA_URL.exec(dataUrl)
  if (!m) throw new ValidationError('The image must be a PNG or JPEG data URL (data:image/png;base64,…).', { errors: [{ path, message: 'expected a PNG or JPEG data URL' }] })
  const bytes = Buffer.from(m[2]!, 'base64')
  const size = m[1] === 'image/png' ? pngSize(bytes) : jpegSize(bytes)
  if (!size) throw new ValidationError('The image data is not a valid PNG or JPEG file.', { errors: [{ path, message: 'the file header could not be read' }] })
  // A few compressed megabytes can declare billions of pixels; the renderer would allocate them all.
  if (size.width * size.height > MAX_PIXELS || Math.max(size.width, size.height) > MAX_SIDE) {
    throw new ValidationError(`The image is ${size.width}×${size.height} px; at most 40 megapixels and ${MAX_SIDE} px a side.`, { errors: [{ path, message: 'too many pixels' }] })
  }
  return { dataUrl, mime: m[1] as RasterImage['mime'], ...size }
}

function pngSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') return null
  return positive(b.readUInt32BE(16), b.readUInt32BE(20))
}

// Walks JPEG segments to the first start-of-frame marker, which carries the dimensions.
function jpegSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null
  let i = 2
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1]!
    if (marker === 0xff) { i++; continue }
    const len = b.readUInt16BE(i + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) return positive(b.readUInt16BE(i + 7), b.readUInt16BE(i + 5))
    i += 2 + len
  }
  return null
}

function positive(width: number, height: number) {
  return width > 0 && height > 0 ? { width, height } : null
}
