import { layoutSvg } from '../domain/render-svg.ts'
import { encodeImage, rasterize, type OutputType } from './rasterize.ts'
import { drawLayout, encodeDrawnPng } from './incremental.ts'
import { photoPreparer } from './prepare-photo.ts'
import type { BrandKit } from '../domain/brand-kit.ts'
import type { SizeSpec } from '../domain/sizes.ts'
import type { Template } from '../domain/template.ts'

/** One unit of render work, sent to a render worker (structured-clonable). */
export type RenderTask =
  | { kind: 'template'; template: Template; size: SizeSpec; fields: Record<string, unknown>; kit: BrandKit; type: OutputType; pixelWidth: number; report?: boolean }
  | { kind: 'svg'; svg: string; size: { width: number; height: number }; type: OutputType; pixelWidth: number }

/** How one text slot was fitted: the editor shows it next to the field. */
export interface FitReport {
  slot: string
  size: number
  maxSize: number
  lines: number
  truncated: boolean
}

/** The bytes of a render and, when the task asked for a report, how its texts were fitted. */
export interface RenderOutput {
  bytes: Buffer
  fits?: FitReport[]
}

/** Runs a task to the output bytes; layout and rasterizing both happen here, under the worker's time limit. */
export async function runRenderTask(task: RenderTask): Promise<RenderOutput> {
  if (task.kind === 'svg') return { bytes: await rasterize({ svg: task.svg, type: task.type, pixelWidth: task.pixelWidth, svgSize: task.size }) }
  const raster = task.type !== 'pdf'
  // PDF pages keep each photo whole, as vector output scales to any print resolution.
  const prepareImage = raster ? photoPreparer({ pixelWidth: task.pixelWidth, pixelHeight: Math.round((task.pixelWidth * task.size.height) / task.size.width) }) : undefined
  // Raster outputs get texts as glyph outlines (resvg then parses no font file, 1–2 ms a face on every render) and
  // the SVG cut into slot fragments, so that a render differing from the last one only in some fields redraws them alone.
  const layout = layoutSvg(task.template, task.size.id, task.fields, task.kit, { prepareImage, textAsPaths: raster, parts: raster })
  let bytes: Buffer
  if (task.type === 'pdf') bytes = await rasterize({ svg: layout.svg, type: 'pdf', pixelWidth: task.pixelWidth, pageMm: task.size.mm, svgSize: task.size })
  else {
    const drawn = drawLayout(layout, task.type, task.pixelWidth)
    bytes = task.type === 'png' ? encodeDrawnPng(drawn) : await encodeImage(task.type, drawn.pixels, drawn.width, drawn.height)
  }
  if (!task.report) return { bytes }
  return { bytes, fits: layout.texts.map((x) => ({ slot: x.slot, size: x.fit.size, maxSize: x.maxSize, lines: x.fit.lines.length, truncated: x.fit.truncated })) }
}
