// zlib alone (the filter computed beforehand, not timed) on each case's rows, Up-filtered or unfiltered, by
// level and strategy (level 1, 2, Z_RLE, Z_HUFFMAN_ONLY): CPU ms and size. The figures behind png.ts's choice.
//   npx tsx bench/visuals/deflate-exp.ts
import zlib from 'node:zlib'
import { Resvg } from '@resvg/resvg-js'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { fontFilesFor } from '../../apps/visuals/src/render/rasterize.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, BENCH_KIT } from './cases.ts'
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const best = <T>(fn: () => T, n = 5): [number, T] => { let b = 1e9; let out!: T; for (let i = 0; i < n; i++) { const s = cpuMs(); out = fn(); b = Math.min(b, cpuMs() - s) } return [b, out] }
for (const c of benchCases().filter((x) => x.type === 'png')) {
  const { svg } = layoutSvg(c.template, c.size, c.fields, BENCH_KIT)
  const img = new Resvg(svg, { fitTo: { mode: 'width', value: SIZES[c.size].width }, font: { loadSystemFonts: false, fontFiles: fontFilesFor(svg), defaultFontFamily: 'Inter' } }).render()
  const px = img.pixels, w = img.width, h = img.height, stride = w * 4
  const up = Buffer.alloc((stride + 1) * h), none = Buffer.alloc((stride + 1) * h)
  for (let y = 0; y < h; y++) {
    up[y * (stride + 1)] = 2; none[y * (stride + 1)] = 0
    px.copy(none, y * (stride + 1) + 1, y * stride, y * stride + stride)
    for (let i = 0; i < stride; i++) up[y * (stride + 1) + 1 + i] = (px[y * stride + i]! - (y ? px[(y - 1) * stride + i]! : 0)) & 255
  }
  const S = zlib.constants
  const row = [`${c.template.id.padEnd(20)}`]
  for (const [name, raw] of [['up', up], ['none', none]] as const) {
    for (const [sn, level, strategy] of [['L1', 1, S.Z_DEFAULT_STRATEGY], ['rle', 1, S.Z_RLE], ['huff', 1, S.Z_HUFFMAN_ONLY], ['L2', 2, S.Z_DEFAULT_STRATEGY]] as const) {
      const [t, out] = best(() => zlib.deflateSync(raw, { level, strategy }))
      row.push(`${name}/${sn} ${t.toFixed(1)}ms ${(out.length / 1e3).toFixed(0)}k`)
    }
  }
  console.log(row.join(' | '))
}
