// Where a render's time goes, in process, with the options a render process uses: layout, resvg parse, resvg
// render, PNG encoding (ours, and resvg's asPng() for comparison), PDF. Times are CPU time of this
// process (user + system), so that the load of a shared machine inflates them little; --wall for wall time.
// Every run changes one text (fieldsForRun), as the benchmark does. By default texts of raster outputs are glyph
// outlines and each render redraws only what changed since the previous run of its case (drawLayout: "draw" is
// resvg's parse + render of that rectangle, or of the whole image when it must); --full draws every image whole
// (parse and render apart); --text also draws texts as resvg text (as before outlines). The PNG of a partial redraw
// reuses the compressed row bands of rows that did not change (computed whole on the first partial redraw).
//   npx tsx bench/visuals/profile.ts [runs] [--wall] [--full] [--text]
import { Resvg } from '@resvg/resvg-js'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { fontFilesFor, preloadEncoders, rasterize } from '../../apps/visuals/src/render/rasterize.ts'
import { encodePng } from '../../apps/visuals/src/render/png.ts'
import { photoPreparer } from '../../apps/visuals/src/render/prepare-photo.ts'
import { drawLayout, encodeDrawnPng } from '../../apps/visuals/src/render/incremental.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { benchCases, fieldsForRun, BENCH_KIT } from './cases.ts'
import { percentile } from './stats.ts'

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10)
const wall = process.argv.includes('--wall')
const realText = process.argv.includes('--text')
const full = realText || process.argv.includes('--full')
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
    const raster = c.type !== 'pdf'
    const prepareImage = raster ? photoPreparer(target) : undefined
    const layout = time(`${key} layout`, () => layoutSvg(c.template, c.size, fieldsForRun(c, i), BENCH_KIT, { prepareImage, textAsPaths: raster && !realText, parts: raster && !full }))
    const svg = layout.svg
    if (!raster) {
      await timeAsync(`${key} pdf`, () => rasterize({ svg, type: 'pdf', pixelWidth: SIZES[c.size].width, pageMm: SIZES[c.size].mm, svgSize: SIZES[c.size] }))
      continue
    }
    if (!full) {
      const drawn = time(`${key} draw (parse + render)`, () => drawLayout(layout, 'png', target.pixelWidth))
      if (i > 0) (stages[`${key} rows drawn %`] ??= []).push((drawn.drawnRows / drawn.height) * 100)
      if (i > 0) (stages[`${key} rows re-encoded %`] ??= []).push(drawn.redrawn ? ((drawn.redrawn.y1 - drawn.redrawn.y0) / drawn.height) * 100 : 100)
      time(`${key} png ours (bands reused)`, () => encodeDrawnPng(drawn))
      continue
    }
    const font = { loadSystemFonts: false, fontFiles: fontFilesFor(svg), defaultFontFamily: 'Inter' }
    const r = time(`${key} resvg parse`, () => new Resvg(svg, { fitTo: { mode: 'width', value: SIZES[c.size].width }, font, imageRendering: 0, shapeRendering: 2, textRendering: 1 }))
    const img = time(`${key} resvg render`, () => r.render())
    time(`${key} png ours`, () => encodePng(img.pixels, img.width, img.height))
  }
}
console.log(`${wall ? 'wall' : 'CPU'} ms per stage, ${runs} runs of each case, a text changed every run; texts ${realText ? 'as resvg text' : 'as outlines'}, ${full ? 'every image drawn whole' : 'only what changed redrawn'}`)
for (const [k, v] of Object.entries(stages)) console.log(k.padEnd(48), 'p50', percentile(v.slice(k.endsWith('%') ? 0 : 1), 50).toFixed(1).padStart(6), 'p95', percentile(v.slice(k.endsWith('%') ? 0 : 1), 95).toFixed(1).padStart(6))
