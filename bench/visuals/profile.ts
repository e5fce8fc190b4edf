// Where a render's time goes, in process, with the options rasterize() uses: layout, resvg parse, resvg
// render, PNG encoding (ours, and resvg's asPng() for comparison), PDF. Times are CPU time of this
// process (user + system), so that the load of a shared machine inflates them little; --wall for wall time.
//   npx tsx bench/visuals/profile.ts [runs] [--wall]
import { Resvg } from '@resvg/resvg-js'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { fontFilesFor, preloadEncoders, rasterize } from '../../apps/visuals/src/render/rasterize.ts'
import { encodePng } from '../../apps/visuals/src/render/png.ts'
import { photoPreparer } from '../../apps/visuals/src/render/prepare-photo.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, BENCH_KIT } from './cases.ts'
import { percentile } from './stats.ts'

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10)
const wall = process.argv.includes('--wall')
const now = wall ? () => performance.now() : () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const stages: Record<string, number[]> = {}
const time = <T>(name: string, fn: () => T): T => {
  const s = now()
  const out = fn()
  ;(stages[name] ??= []).push(now() - s)
  return out
}
const timeAsync = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const s = now()
  const out = await fn()
  ;(stages[name] ??= []).push(now() - s)
  return out
}

await preloadEncoders()
for (const c of benchCases()) {
  for (let i = 0; i < runs + 1; i++) {
    const key = `${c.group} ${c.template.id.replace(/-fr$/, '')}`
    // As a render process does: photos prepared for raster outputs (the first run, not counted, prepares them).
    const target = { pixelWidth: SIZES[c.size].width, pixelHeight: SIZES[c.size].height }
    const prepareImage = c.type === 'pdf' ? undefined : photoPreparer(target)
    const { svg } = time(`${key} layout`, () => layoutSvg(c.template, c.size, c.fields, BENCH_KIT, { prepareImage }))
    if (c.type === 'pdf') {
      await timeAsync(`${key} pdf`, () => rasterize({ svg, type: 'pdf', pixelWidth: SIZES[c.size].width, pageMm: SIZES[c.size].mm, svgSize: SIZES[c.size] }))
      continue
    }
    const font = { loadSystemFonts: false, fontFiles: fontFilesFor(svg), defaultFontFamily: 'Inter' }
    const r = time(`${key} resvg parse`, () => new Resvg(svg, { fitTo: { mode: 'width', value: SIZES[c.size].width }, font, imageRendering: 0, shapeRendering: 2, textRendering: 1 }))
    const img = time(`${key} resvg render`, () => r.render())
    time(`${key} png ours`, () => encodePng(img.pixels, img.width, img.height))
    time(`${key} png asPng (before)`, () => img.asPng())
  }
}
console.log(`${wall ? 'wall' : 'CPU'} ms per stage, ${runs} runs of each case`)
for (const [k, v] of Object.entries(stages)) console.log(k.padEnd(48), 'p50', percentile(v.slice(1), 50).toFixed(1).padStart(6), 'p95', percentile(v.slice(1), 95).toFixed(1).padStart(6))
