// CPU time and size of PNG encodings of each bench case's pixels: resvg's asPng(), our encoder (png.ts),
// and plain zlib variants (level L, filter F: 0 none, 1 sub, 2 up). Checks that ours decodes to asPng's pixels.
//   npx tsx bench/visuals/png-costs.ts
import zlib from 'node:zlib'
import { Resvg } from '@resvg/resvg-js'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { fontFilesFor } from '../../apps/visuals/src/render/rasterize.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, BENCH_KIT } from './cases.ts'
import { encodePng } from '../../apps/visuals/src/render/png.ts'
import { PNG } from 'pngjs'

function encode(px: Buffer, w: number, h: number, level: number, filter: 0 | 1 | 2 | 5, strategy = zlib.constants.Z_DEFAULT_STRATEGY): Buffer {
  const stride = w * 4
  const raw = Buffer.allocUnsafe((stride + 1) * h)
  for (let y = 0; y < h; y++) {
    const o = y * (stride + 1)
    const row = y * stride
    if (filter === 0) { raw[o] = 0; px.copy(raw, o + 1, row, row + stride) }
    else if (filter === 1) { raw[o] = 1; for (let i = 0; i < 4; i++) raw[o + 1 + i] = px[row + i]!; for (let i = 4; i < stride; i++) raw[o + 1 + i] = (px[row + i]! - px[row + i - 4]!) & 255 }
    else if (filter === 2) { raw[o] = 2; if (y === 0) px.copy(raw, o + 1, row, row + stride); else for (let i = 0; i < stride; i++) raw[o + 1 + i] = (px[row + i]! - px[row - stride + i]!) & 255 }
  }
  const idat = zlib.deflateSync(raw, { level, strategy })
  const chunk = (type: string, data: Buffer) => { const b = Buffer.alloc(12 + data.length); b.writeUInt32BE(data.length, 0); b.write(type, 4, 'ascii'); data.copy(b, 8); b.writeUInt32BE(zlib.crc32(b.subarray(4, 8 + data.length)) >>> 0, 8 + data.length); return b }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}
// CPU time, not wall time: the machine is shared and its load would swamp the differences.
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const t = <T>(fn: () => T) => { let best = 1e9; let out!: T; for (let i = 0; i < 9; i++) { const s = cpuMs(); out = fn(); best = Math.min(best, cpuMs() - s) } return [best, out] as const }
for (const c of benchCases().filter((c) => c.type === 'png')) {
  const { svg } = layoutSvg(c.template, c.size, c.fields, BENCH_KIT)
  const img = new Resvg(svg, { fitTo: { mode: 'width', value: SIZES[c.size].width }, font: { loadSystemFonts: false, fontFiles: fontFilesFor(svg), defaultFontFamily: 'Inter' } }).render()
  const [ta, a] = t(() => img.asPng())
  const [tp, px] = t(() => img.pixels)
  const res = [`${c.template.id} ${c.size}: asPng ${ta.toFixed(1)}ms ${(a.length / 1e3).toFixed(0)}kB; pixels ${tp.toFixed(1)}`]
  const [ts, sw] = t(() => encodePng(px as Buffer, img.width, img.height))
  const dec = PNG.sync.read(sw).data
  const ref = PNG.sync.read(a).data
  if (!dec.equals(ref)) throw new Error(`${c.template.id}: our PNG does not decode to resvg's pixels`)
  res.push(`ours ${ts.toFixed(1)}ms ${(sw.length / 1e3).toFixed(0)}kB`)
  for (const [lvl, f, st] of [[1, 0], [1, 1], [1, 2], [3, 2], [6, 2], [1, 2, zlib.constants.Z_RLE], [1,1, zlib.constants.Z_RLE]] as const) {
    const [te, e] = t(() => encode(px as Buffer, img.width, img.height, lvl, f as 0, st))
    res.push(`L${lvl}F${f}${st ? 'rle' : ''} ${te.toFixed(1)}ms ${(e.length / 1e3).toFixed(0)}kB`)
  }
  console.log(res.join(' | '))
}
