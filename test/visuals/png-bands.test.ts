import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { adler32, adler32Combine, BAND_ROWS, encodePngBands } from '../../apps/visuals/src/render/png-bands.ts'

function image(width: number, height: number, pixel: (x: number, y: number) => number[]): Uint8Array {
  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(pixel(x, y), (y * width + x) * 4)
  return out
}

// zlib's own Adler-32 is the trailer of a zlib stream.
const zlibAdler = (bytes: Uint8Array) => zlib.deflateSync(bytes, { level: 0 }).readUInt32BE(zlib.deflateSync(bytes, { level: 0 }).length - 4)

describe('PNG by row bands', () => {
  it('computes Adler-32 as zlib does, whole and combined from pieces', () => {
    const bytes = image(300, 60, (x, y) => [(x * 97 + y * 31) & 255, (x * y) & 255, 255, 255])
    expect(adler32(bytes)).toBe(zlibAdler(bytes))
    const cut = 12345
    expect(adler32Combine(adler32(bytes.subarray(0, cut)), adler32(bytes.subarray(cut)), bytes.length - cut)).toBe(zlibAdler(bytes))
  })

  const flat = (x: number, y: number) => (y % 50 === 3 ? [0, 0, 0, 255] : [250, 240, 230, 255])
  const noise = (x: number, y: number) => [(x * 97 + y * 31) & 255, (x * y * 13) & 255, 7, 255]
  for (const [name, px] of [['a flat image', flat], ['noise', noise], ['half and half', (x: number, y: number) => (y < 70 ? flat(x, y) : noise(x, y))]] as const) {
    it(`round-trips ${name}, and again with some bands reused after a change`, () => {
      const w = 97
      const h = BAND_ROWS * 4 + 11
      const first = image(w, h, px)
      const a = encodePngBands(first, w, h, undefined, null)
      expect(Buffer.from(PNG.sync.read(a.png).data).equals(Buffer.from(first))).toBe(true)
      // Rows 40–49 change: bands 1 (and the row after, in band 1 too) are redone, the others reused.
      const second = Uint8Array.from(first)
      for (let y = 40; y < 50; y++) for (let x = 0; x < w; x++) second.set([x & 255, y, 99, 255], (y * w + x) * 4)
      const b = encodePngBands(second, w, h, a.bands, { y0: 40, y1: 50 })
      expect(b.bands.data[0]).toBe(a.bands.data[0])
      expect(b.bands.data[3]).toBe(a.bands.data[3])
      expect(b.bands.data[1]).not.toBe(a.bands.data[1])
      expect(Buffer.from(PNG.sync.read(b.png).data).equals(Buffer.from(second))).toBe(true)
      // The checksum is checked by inflate: a wrong one would make the file unreadable.
      expect(() => zlib.inflateSync(b.png.subarray(41, b.png.length - 16))).not.toThrow()
    })
  }

  it('would notice stale bands (the round trip can fail)', () => {
    const w = 40
    const h = BAND_ROWS * 2
    const first = image(w, h, flat)
    const a = encodePngBands(first, w, h, undefined, null)
    const second = image(w, h, noise)
    // Claiming that nothing in band 0 changed keeps its stale bytes: the decoded image is not the new one.
    const b = encodePngBands(second, w, h, a.bands, { y0: BAND_ROWS + 1, y1: BAND_ROWS + 2 })
    let decoded: Buffer | null = null
    try {
      decoded = Buffer.from(PNG.sync.read(b.png).data)
    } catch {
      decoded = null
    }
    expect(decoded?.equals(Buffer.from(second)) ?? false).toBe(false)
  })
})
