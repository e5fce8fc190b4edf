// CPU time of resvg's parse (fonts, images, tree) and render per bench case, with the options rasterize uses.
//   npx tsx bench/visuals/resvg-costs.ts [--photo]
import fs from 'node:fs'
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { fontFilesFor } from '../../apps/visuals/src/render/rasterize.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, BENCH_KIT } from './cases.ts'

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const best = (fn: () => unknown) => { let b = 1e9; for (let i = 0; i < 7; i++) { const s = cpuMs(); fn(); b = Math.min(b, cpuMs() - s) } return b.toFixed(1) }
for (const c of benchCases().filter((x) => x.type === 'png')) {
  const { svg } = layoutSvg(c.template, c.size, c.fields, BENCH_KIT)
  const files = fontFilesFor(svg)
  const buffers = files.map((f) => fs.readFileSync(f))
  const opts = (font: object): ResvgRenderOptions => ({ fitTo: { mode: 'width', value: SIZES[c.size].width }, font: { loadSystemFonts: false, defaultFontFamily: 'Inter', ...font }, imageRendering: 0, shapeRendering: 2, textRendering: 1 })
  const noText = svg.replace(/<text[\s\S]*?<\/text>/g, '')
  const r = new Resvg(svg, opts({ fontFiles: files }))
  const crisp = new Resvg(svg, { ...opts({ fontFiles: files }), shapeRendering: 1 })
  console.log(`${c.template.id} ${c.size} (${files.length} fonts, ${(svg.length / 1e3).toFixed(0)} kB svg):`,
    `parse files ${best(() => new Resvg(svg, opts({ fontFiles: files })))}`,
    `parse buffers ${best(() => new Resvg(svg, opts({ fontBuffers: buffers })))}`,
    `parse no-text ${best(() => new Resvg(noText, opts({ fontFiles: [] })))}`,
    `render ${best(() => r.render())}`,
    `render crisp ${best(() => crisp.render())}`)
}

// What the photo costs: the same SVG without its clip path, and with the image drawn at its final pixel size.
if (process.argv.includes('--photo')) {
  for (const c of benchCases().filter((x) => x.type === 'png' && /social-post|event-poster/.test(x.template.id))) {
    const { svg } = layoutSvg(c.template, c.size, c.fields, BENCH_KIT)
    const o: ResvgRenderOptions = { fitTo: { mode: 'width', value: SIZES[c.size].width }, font: { loadSystemFonts: false, defaultFontFamily: 'Inter', fontFiles: fontFilesFor(svg) }, imageRendering: 0, shapeRendering: 2, textRendering: 1 }
    const noClip = svg.replace(/clip-path="url\(#[^)]*\)"/g, '')
    const noImage = svg.replace(/<image[^>]*\/>/g, '')
    console.log(c.template.id, 'full', best(() => new Resvg(svg, o).render()), 'no clip', best(() => new Resvg(noClip, o).render()), 'no image', best(() => new Resvg(noImage, o).render()),
      'speed', best(() => new Resvg(svg, { ...o, imageRendering: 1 }).render()))
  }
}
