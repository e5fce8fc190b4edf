import { pixelSize, type BenchCase } from './cases.ts'

/**
 * Checks that a renderer produced what was asked (a PNG of the right size, a PDF), so that a fast
 * renderer that draws nothing cannot win.
 * @throws Error naming the case and renderer
 */
export function checkOutput(c: BenchCase, bytes: Buffer, renderer: string): void {
  const where = `${renderer} ${c.template.id}/${c.size}/${c.type}`
  if (c.type === 'pdf') {
    if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error(`${where}: not a PDF`)
    return
  }
  if (bytes.subarray(1, 4).toString() !== 'PNG') throw new Error(`${where}: not a PNG`)
  const { width, height } = pixelSize(c)
  if (bytes.readUInt32BE(16) !== width || bytes.readUInt32BE(20) !== height) throw new Error(`${where}: ${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)} instead of ${width}×${height}`)
  if (bytes.length < 20_000) throw new Error(`${where}: only ${bytes.length} bytes, the image is nearly empty`)
}
