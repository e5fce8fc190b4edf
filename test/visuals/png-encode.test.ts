import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { encodePng } from '../../apps/visuals/src/render/png.ts'

// Our PNG encoder must give back exactly the pixels it was given: flat areas, repeated rows, noise, any width.
function image(width: number, height: number, pixel: (x: number, y: number) => number[]): Uint8Array {
  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(pixel(x, y), (y * width + x) * 4)
  return out
}

describe('encodePng', () => {
  const cases: [string, number, number, (x: number, y: number) => number[]][] = [
    ['flat colour with repeated rows', 64, 40, () => [31, 78, 121, 255]],
    ['stripes and transparency', 33, 17, (x, y) => [x * 7, y * 13, (x ^ y) & 255, (x * 5) % 256]],
    ['noise, where every byte wraps', 57, 23, (x, y) => [(x * 97 + y * 31) & 255, (x * y * 13) & 255, 255 - ((x * 3) & 255), (y * 211) & 255]],
    ['one pixel', 1, 1, () => [0, 0, 0, 0]],
    // Each content takes another path: flat (no filter), partly photo (Up, run-length), photo (Up, Huffman only).
    ['a flat poster with a thin rule', 120, 90, (x, y) => (y === 45 ? [0, 0, 0, 255] : [250, 240, 230, 255])],
    ['half flat, half noise', 80, 64, (x, y) => (y < 32 ? [10, 20, 30, 255] : [(x * 97 + y * 31) & 255, (x * y * 13) & 255, 7, 255])],
  ]
  for (const [name, w, h, px] of cases) {
    it(`round-trips ${name}`, () => {
      const pixels = image(w, h, px)
      const decoded = PNG.sync.read(encodePng(pixels, w, h))
      expect([decoded.width, decoded.height]).toEqual([w, h])
      expect(Buffer.from(decoded.data).equals(Buffer.from(pixels))).toBe(true)
    })
  }

  it('accepts pixels that do not start on a 4-byte boundary', () => {
    const pixels = image(5, 4, (x, y) => [x * 40, y * 60, 200, 255])
    const shifted = new Uint8Array(pixels.length + 1).subarray(1)
    shifted.set(pixels)
    expect(Buffer.from(PNG.sync.read(encodePng(shifted, 5, 4)).data).equals(Buffer.from(pixels))).toBe(true)
  })
})
