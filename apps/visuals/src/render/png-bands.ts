import zlib from 'node:zlib'
import { pngFile } from './png.ts'

/** Rows per band: each band is deflated on its own, so a render that changed some rows re-deflates only their bands. */
export const BAND_ROWS = 32
const LEVEL = 1
const H = 0x80808080
// As png.ts: bands where the Up filter leaves few non-zero pixels (flat colour, text) are deflated unfiltered at
// level 1; mostly-photo bands are Up-filtered and Huffman-coded only, partly-photo ones Up-filtered with Z_RLE.
const PHOTO_SHARE = 0.6
const PARTLY_PHOTO_SHARE = 0.1

/** The compressed bands of one image: raw deflate pieces that each end byte-aligned with a fresh window. */
export interface PngBands {
  width: number
  height: number
  data: Buffer[]
  /** Adler-32 of each band's filtered bytes, combined arithmetically into the zlib stream's checksum. */
  adler: Uint32Array
  /** Filtered bytes of each band (the length the checksums cover). */
  length: Uint32Array
}

/**
 * Encodes straight RGBA pixels as a PNG whose one zlib stream is made of independently deflated row bands; bands
 * of `previous` that hold none of the rows in `changed` (rows [y0, y1), and the row after, whose Up filter reads
 * them) are reused as they are. Answers the file and the bands to keep for the next render.
 */
export function encodePngBands(pixels: Uint8Array, width: number, height: number, previous: PngBands | undefined, changed: { y0: number; y1: number } | null): { png: Buffer; bands: PngBands } {
  const count = Math.ceil(height / BAND_ROWS)
  const reuse = previous && previous.width === width && previous.height === height && changed ? previous : undefined
  const bands: PngBands = { width, height, data: new Array<Buffer>(count), adler: new Uint32Array(count), length: new Uint32Array(count) }
  const src = pixels.byteOffset % 4 === 0 ? pixels : Uint8Array.from(pixels)
  const words = new Uint32Array(src.buffer, src.byteOffset, width * height)
  for (let b = 0; b < count; b++) {
    const r0 = b * BAND_ROWS
    const r1 = Math.min(height, r0 + BAND_ROWS)
    if (reuse && (r1 <= changed!.y0 || r0 > changed!.y1)) {
      bands.data[b] = reuse.data[b]!
      bands.adler[b] = reuse.adler[b]!
      bands.length[b] = reuse.length[b]!
      continue
    }
    const raw = filterBand(src, words, width, r0, r1)
    bands.data[b] = raw.deflated
    bands.adler[b] = adler32(raw.bytes)
    bands.length[b] = raw.bytes.length
  }
  return { png: pngFile(width, height, zlibStream(bands)), bands }
}

/** Bytes the kept bands take. */
export function bandBytes(bands: PngBands | undefined): number {
  return bands ? bands.data.reduce((n, d) => n + d.length, 0) : 0
}

function filterBand(src: Uint8Array, words: Uint32Array, width: number, r0: number, r1: number): { bytes: Buffer; deflated: Buffer } {
  const stride = width * 4
  const raw = Buffer.allocUnsafe((stride + 1) * (r1 - r0))
  const bytes = Buffer.from(src.buffer, src.byteOffset, src.byteLength)
  let busy = 0
  for (let r = r0; r < r1; r++) {
    if (r === 0) continue
    const base = r * width
    for (let i = 0; i < width; i += 4) if (words[base + i] !== words[base + i - width]) busy++
  }
  const share = (busy * 4) / (width * (r1 - r0))
  const up = share >= PARTLY_PHOTO_SHARE
  const row = new Uint32Array(width)
  const rowBytes = Buffer.from(row.buffer)
  for (let r = r0; r < r1; r++) {
    const o = (r - r0) * (stride + 1)
    if (!up || r === 0) {
      raw[o] = up ? 2 : 0
      bytes.copy(raw, o + 1, r * stride, (r + 1) * stride)
      continue
    }
    raw[o] = 2
    const base = r * width
    for (let i = 0; i < width; i++) {
      const x = words[base + i]!
      const y = words[base + i - width]!
      row[i] = ((x | H) - (y & ~H)) ^ ((x ^ ~y) & H)
    }
    rowBytes.copy(raw, o + 1)
  }
  const strategy = !up ? zlib.constants.Z_DEFAULT_STRATEGY : share > PHOTO_SHARE ? zlib.constants.Z_HUFFMAN_ONLY : zlib.constants.Z_RLE
  // A full flush ends the piece on a byte boundary and forgets the window, so pieces can be laid end to end.
  return { bytes: raw, deflated: zlib.deflateRawSync(raw, { level: LEVEL, strategy, finishFlush: zlib.constants.Z_FULL_FLUSH }) }
}

// zlib header (deflate, 32 K window, fastest), the pieces, an empty final block, the combined Adler-32.
function zlibStream(bands: PngBands): Buffer {
  let adler = 1
  for (let b = 0; b < bands.data.length; b++) adler = adler32Combine(adler, bands.adler[b]!, bands.length[b]!)
  const tail = Buffer.alloc(6)
  tail[0] = 0x03
  tail[1] = 0x00
  tail.writeUInt32BE(adler >>> 0, 2)
  return Buffer.concat([Buffer.from([0x78, 0x01]), ...bands.data, tail])
}

const BASE = 65521
// The largest run of bytes whose sums cannot overflow 32 bits before the modulo (zlib's NMAX).
const NMAX = 5552

/** Adler-32 of `bytes`. */
export function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(bytes.length, i + NMAX)
    for (; i < end; i++) {
      a += bytes[i]!
      b += a
    }
    a %= BASE
    b %= BASE
  }
  return ((b << 16) | a) >>> 0
}

/** The Adler-32 of two byte runs laid end to end, from each run's checksum and the second's length (zlib's adler32_combine). */
export function adler32Combine(adler1: number, adler2: number, len2: number): number {
  const rem = len2 % BASE
  let sum1 = adler1 & 0xffff
  let sum2 = (rem * sum1) % BASE
  sum1 += (adler2 & 0xffff) + BASE - 1
  sum2 += (adler1 >>> 16) + (adler2 >>> 16) + BASE - rem
  if (sum1 >= BASE) sum1 -= BASE
  if (sum1 >= BASE) sum1 -= BASE
  if (sum2 >= 2 * BASE) sum2 -= 2 * BASE
  if (sum2 >= BASE) sum2 -= BASE
  return ((sum2 << 16) | sum1) >>> 0
}
