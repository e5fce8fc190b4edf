import zlib from 'node:zlib'

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])
// Level 1 deflate: on posters (flat colour, text, one photo) it is 2–6 times faster than resvg's encoder
// at level 6 for files 0–30 % larger (measured with bench/visuals/png-exp.ts).
const LEVEL = 1
const H = 0x80808080
// The deflate strategy follows the share of pixels the Up filter leaves non-zero (bench/visuals/deflate-exp.ts):
// mostly photo (social-post, 0.83), LZ77 finds almost no matches and Huffman coding alone is a third faster for a
// smaller file; partly photo (event-poster 0.53, join-us 0.13), run-length matches are 10–30 % faster for a
// smaller file; flat posters (under 0.04) keep full level 1 without any filter (see encodePng).
const PHOTO_SHARE = 0.6
const PARTLY_PHOTO_SHARE = 0.1

/**
 * Encodes straight (not premultiplied) RGBA pixels as a PNG. Images with photos get the Up filter on every
 * row, which keeps photos compressible, computed four bytes at a time (bytewise subtraction without
 * borrows); flat posters are deflated unfiltered, their repeated rows being matches level 1 finds anyway.
 */
export function encodePng(pixels: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4
  const src = aligned(pixels)
  const words = new Uint32Array(src.buffer, src.byteOffset, width * height)
  const bytes = Buffer.from(src.buffer, src.byteOffset, stride * height)
  // Flat posters skip the filter: level 1 finds the repeated rows by itself, 2–4 ms sooner and no larger.
  if (sampledShare(words, width, height) < PARTLY_PHOTO_SHARE) return unfiltered(bytes, width, height)
  const raw = Buffer.allocUnsafe((stride + 1) * height)
  const row = new Uint32Array(width)
  const rowBytes = Buffer.from(row.buffer)
  let busy = width
  for (let r = 0; r < height; r++) {
    const o = r * (stride + 1)
    const start = r * stride
    raw[o] = 2
    if (r === 0) {
      bytes.copy(raw, o + 1, 0, stride)
    } else if (bytes.compare(bytes, start - stride, start, start, start + stride) === 0) {
      // A row like the one above (backgrounds, gaps between lines) filters to zeros.
      raw.fill(0, o + 1, o + 1 + stride)
    } else {
      const base = r * width
      for (let i = 0; i < width; i++) {
        const x = words[base + i]!
        const y = words[base + i - width]!
        const v = ((x | H) - (y & ~H)) ^ ((x ^ ~y) & H)
        row[i] = v
        if (v !== 0) busy++
      }
      rowBytes.copy(raw, o + 1)
    }
  }
  const share = busy / (width * height)
  const strategy = share > PHOTO_SHARE ? zlib.constants.Z_HUFFMAN_ONLY : share > PARTLY_PHOTO_SHARE ? zlib.constants.Z_RLE : zlib.constants.Z_DEFAULT_STRATEGY
  return pngFile(width, height, zlib.deflateSync(raw, { level: LEVEL, strategy }))
}

/** An 8-bit RGBA PNG file around its compressed scanlines (one zlib stream). */
export function pngFile(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

// Share of pixels that differ from the pixel above, on every eighth row (a fraction of a millisecond).
function sampledShare(words: Uint32Array, width: number, height: number): number {
  let differ = 0
  let seen = 0
  for (let r = 8; r < height; r += 8) {
    const base = r * width
    for (let i = 0; i < width; i++) if (words[base + i] !== words[base + i - width]) differ++
    seen += width
  }
  return seen ? differ / seen : 1
}

function unfiltered(bytes: Buffer, width: number, height: number): Buffer {
  const stride = width * 4
  const raw = Buffer.allocUnsafe((stride + 1) * height)
  for (let r = 0; r < height; r++) {
    raw[r * (stride + 1)] = 0
    bytes.copy(raw, r * (stride + 1) + 1, r * stride, (r + 1) * stride)
  }
  return pngFile(width, height, zlib.deflateSync(raw, { level: LEVEL }))
}

function aligned(pixels: Uint8Array): Uint8Array {
  return pixels.byteOffset % 4 === 0 ? pixels : Uint8Array.from(pixels)
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length)
  return out
}
