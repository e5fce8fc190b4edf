import { describe, expect, it } from 'vitest'
import { readRasterDataUrl } from '../../apps/visuals/src/domain/images.ts'

/** A PNG whose header declares width × height; the pixel data is never read. */
function pngHeader(width: number, height: number): string {
  const b = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0)
  b.writeUInt32BE(13, 8)
  b.write('IHDR', 12, 'ascii')
  b.writeUInt32BE(width, 16)
  b.writeUInt32BE(height, 20)
  b.writeUInt8(8, 24)
  b.writeUInt8(6, 25)
  return `data:image/png;base64,${b.toString('base64')}`
}

describe('image fields', () => {
  it('refuses images declaring more pixels than a render may allocate, naming the field', () => {
    expect(() => readRasterDataUrl(pngHeader(20_000, 20_000), 'fields.photo')).toThrow(/at most 40 megapixels/)
    expect(() => readRasterDataUrl(pngHeader(12_000, 100), 'fields.photo')).toThrow(/10000 px a side/)
    expect(readRasterDataUrl(pngHeader(4000, 3000), 'fields.photo')).toMatchObject({ width: 4000, height: 3000 })
  })
})
