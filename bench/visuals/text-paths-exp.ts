// Texts as glyph outlines against resvg's own text, for every shipped template and size: pixel differences
// (max channel difference, pixels pixelmatch calls visible) at full size and at golden size.
//   npx tsx bench/visuals/text-paths-exp.ts [template-id]
import { PNG } from 'pngjs'
import pixelmatch from 'pixelmatch'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { rasterize } from '../../apps/visuals/src/render/rasterize.ts'
import { SIZES } from '../../apps/visuals/src/domain/sizes.ts'
import { BENCH_KIT } from './cases.ts'

const only = process.argv[2]
for (const t of loadShippedCatalogue().list()) {
  if (only && t.id !== only) continue
  for (const size of t.layouts.keys()) {
    const spec = SIZES[size]
    for (const width of [spec.width, Math.round(spec.width * 480 / Math.max(spec.width, spec.height))]) {
      const draw = async (textAsPaths: boolean) => {
        const { svg } = layoutSvg(t, size, {}, BENCH_KIT, { textAsPaths })
        return { png: PNG.sync.read(await rasterize({ svg, type: 'png', pixelWidth: width, svgSize: spec })), texts: (svg.match(/<text[\s>]/g) ?? []).length }
      }
      const a = await draw(false)
      const b = await draw(true)
      let max = 0
      let over = 0
      for (let i = 0; i < a.png.data.length; i++) {
        const d = Math.abs(a.png.data[i]! - b.png.data[i]!)
        if (d > max) max = d
        if (d > 8) over++
      }
      const visible = pixelmatch(a.png.data, b.png.data, undefined, a.png.width, a.png.height, { threshold: 0.1 })
      console.log(`${t.id.padEnd(22)} ${size.padEnd(9)} ${String(width).padStart(5)} px  max diff ${String(max).padStart(3)}  channels > 8: ${String(over).padStart(6)}  visible ${String(visible).padStart(5)} (${(visible / (a.png.width * a.png.height) * 100).toFixed(3)} %)  texts left ${b.texts}`)
    }
  }
}
