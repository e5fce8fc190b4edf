// What drawing a photo already resampled to its output pixels costs resvg, by how it is embedded (data URL of a
// stored, level-1 or Up-filtered PNG; a stored PNG file named by path) against the original JPEG, in CPU ms,
// with the largest pixel difference from the original render. The choice behind render/prepare-photo.ts.
//   npx tsx bench/visuals/photo-exp.ts
import { Resvg } from '@resvg/resvg-js'
import { PNG } from 'pngjs'
import pixelmatch from 'pixelmatch'
import zlib from 'node:zlib'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { fontFilesFor } from '../../apps/visuals/src/render/rasterize.ts'
import { encodePng } from '../../apps/visuals/src/render/png.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, BENCH_KIT } from './cases.ts'

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const best = <T>(fn: () => T, n = 5): [number, T] => { let b = 1e9; let out!: T; for (let i = 0; i < n; i++) { const s = cpuMs(); out = fn(); b = Math.min(b, cpuMs() - s) } return [b, out] }

function rawPng(px: Uint8Array, w: number, h: number, level: number): Buffer {
  const stride = w * 4
  const raw = Buffer.alloc((stride + 1) * h)
  for (let y = 0; y < h; y++) { raw[y * (stride + 1)] = 0; Buffer.from(px.buffer, px.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1) }
  const chunk = (type: string, data: Buffer) => { const b = Buffer.alloc(12 + data.length); b.writeUInt32BE(data.length, 0); b.write(type, 4, 'ascii'); data.copy(b, 8); b.writeUInt32BE(zlib.crc32(b.subarray(4, 8 + data.length)) >>> 0, 8 + data.length); return b }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level })), chunk('IEND', Buffer.alloc(0))])
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-photo-exp-'))
process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }))
const file = path.join(tmp, 'photo.png')
for (const c of benchCases().filter((x) => x.type === 'png' && /social-post|event-poster|join-us/.test(x.template.id))) {
  const { svg } = layoutSvg(c.template, c.size, c.fields, BENCH_KIT)
  const W = SIZES[c.size].width
  const o = { fitTo: { mode: 'width' as const, value: W }, font: { loadSystemFonts: false, defaultFontFamily: 'Inter', fontFiles: fontFilesFor(svg) }, imageRendering: 0 as const, shapeRendering: 2 as const, textRendering: 1 as const }
  const [tBase, base] = best(() => new Resvg(svg, o).render())
  const imgTag = /<image [^>]*\/>/.exec(svg)![0]
  const a = (n: string) => Number(new RegExp(` ${n}="([^"]*)"`).exec(imgTag)![1])
  const href = / href="([^"]*)"/.exec(imgTag)![1]!
  const clipRect = /<clipPath id="[^"]*"><rect ([^>]*)\/>/.exec(svg)![1]!
  const f = (n: string) => Number(new RegExp(`${n}="([^"]*)"`).exec(clipRect)?.[1] ?? 0)
  const frame = { x: f('x'), y: f('y'), w: f('width'), h: f('height') }
  const img = { x: a('x'), y: a('y'), w: a('width'), h: a('height') }
  const x0 = Math.floor(Math.max(img.x, frame.x)), y0 = Math.floor(Math.max(img.y, frame.y))
  const x1 = Math.ceil(Math.min(img.x + img.w, frame.x + frame.w)), y1 = Math.ceil(Math.min(img.y + img.h, frame.y + frame.h))
  const pw = x1 - x0, ph = y1 - y0
  const pre = `<svg xmlns="http://www.w3.org/2000/svg" width="${pw}" height="${ph}" viewBox="0 0 ${pw} ${ph}"><image x="${img.x - x0}" y="${img.y - y0}" width="${img.w}" height="${img.h}" preserveAspectRatio="none" href="${href}"/></svg>`
  const [tPre, prepared] = best(() => new Resvg(pre, { imageRendering: 0 }).render(), 3)
  const px = prepared.pixels
  const rounded = /rx=/.test(clipRect)
  const variants: [string, Buffer][] = [['png L0', rawPng(px, pw, ph, 0)], ['png L1 none', rawPng(px, pw, ph, 1)], ['png ours(up L1)', encodePng(px, pw, ph)]]
  const line = [`${c.template.id}: base ${tBase.toFixed(1)} | prerender ${tPre.toFixed(1)} (${pw}x${ph})`]
  for (const [name, bytes] of variants) {
    const [tEnc] = best(() => (name === 'png L0' ? rawPng(px, pw, ph, 0) : name === 'png L1 none' ? rawPng(px, pw, ph, 1) : encodePng(px, pw, ph)), 3)
    const url = `data:image/png;base64,${bytes.toString('base64')}`
    const tag = `<image x="${x0}" y="${y0}" width="${pw}" height="${ph}" preserveAspectRatio="none" href="${url}"${rounded ? / clip-path="[^"]*"/.exec(imgTag)![0] : ''}/>`
    const out = svg.replace(imgTag, tag)
    const [tParse, r] = best(() => new Resvg(out, o))
    const [tRender, done] = best(() => r.render())
    // resolveImage path: href replaced by a short name, the encoded bytes given as a Buffer
    fs.writeFileSync(file, bytes)
    const out2 = svg.replace(imgTag, tag.replace(url, file))
    const [tResolve, done2] = best(() => new Resvg(out2, o).render())
    const C = PNG.sync.read(done2.asPng()).data
    const A = PNG.sync.read(base.asPng()).data, B = PNG.sync.read(done.asPng()).data
    let max2 = 0; for (let i = 0; i < A.length; i++) max2 = Math.max(max2, Math.abs(A[i]! - C[i]!))
    let max = 0; for (let i = 0; i < A.length; i++) max = Math.max(max, Math.abs(A[i]! - B[i]!))
    const diff = pixelmatch(A, B, undefined, base.width, base.height, { threshold: 0.1 })
    line.push(`${name}: enc ${tEnc.toFixed(1)} ${(bytes.length / 1e3).toFixed(0)}kB parse ${tParse.toFixed(1)} render ${tRender.toFixed(1)} file parse+render ${tResolve.toFixed(1)} maxdiff ${max} pm ${diff} file-maxdiff ${max2}`)
  }
  console.log(line.join('\n  '))
}
