// Regenerates the golden PNGs the visual tests compare against: `npx tsx apps/visuals/scripts/update-goldens.ts`.
// Review every changed image before committing: a golden is a promise about how a poster looks.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadShippedCatalogue } from '../src/domain/catalogue.ts'
import { layoutSvg } from '../src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT, type BrandKit } from '../src/domain/brand-kit.ts'
import { SIZES, type SizeId } from '../src/domain/sizes.ts'
import { rasterize } from '../src/render/rasterize.ts'
import type { Template } from '../src/domain/template.ts'

export const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/visuals/goldens')
/** Goldens are drawn with their long side at this many pixels, to keep the repository light. */
export const GOLDEN_LONG_SIDE = 480
export const GOLDEN_KIT: BrandKit = { ...DEFAULT_BRAND_KIT, name: 'Les Amis du Quartier' }

/** Every shipped template in each of its formats. */
export function goldenCases(): { template: Template; size: SizeId; file: string }[] {
  return loadShippedCatalogue().list().flatMap((template) =>
    [...template.layouts.keys()].map((size) => ({ template, size, file: path.join(GOLDEN_DIR, `${template.id}-${size}.png`) })))
}

/** Renders one golden case with default field values. */
export async function renderGolden(template: Template, size: SizeId): Promise<Buffer> {
  const spec = SIZES[size]
  const scale = GOLDEN_LONG_SIDE / Math.max(spec.width, spec.height)
  const { svg } = layoutSvg(template, size, {}, GOLDEN_KIT)
  return rasterize({ svg, type: 'png', pixelWidth: Math.round(spec.width * scale), svgSize: spec })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.mkdirSync(GOLDEN_DIR, { recursive: true })
  let total = 0
  for (const c of goldenCases()) {
    const png = await renderGolden(c.template, c.size)
    fs.writeFileSync(c.file, png)
    total += png.length
    console.log(path.basename(c.file), png.length)
  }
  console.log(`${goldenCases().length} goldens, ${(total / 1024).toFixed(0)} KiB`)
}
