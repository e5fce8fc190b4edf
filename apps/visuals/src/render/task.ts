import { layoutSvg } from '../domain/render-svg.ts'
import { rasterize, type OutputType } from './rasterize.ts'
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
  // PDF pages keep each photo whole, as vector output scales to any print resolution.
  const prepareImage = task.type === 'pdf' ? undefined : photoPreparer({ pixelWidth: task.pixelWidth, pixelHeight: Math.round((task.pixelWidth * task.size.height) / task.size.width) })
  const layout = layoutSvg(task.template, task.size.id, task.fields, task.kit, { prepareImage })
  const bytes = await rasterize({ svg: layout.svg, type: task.type, pixelWidth: task.pixelWidth, pageMm: task.size.mm, svgSize: task.size })
  if (!task.report) return { bytes }
  return { bytes, fits: layout.texts.map((x) => ({ slot: x.slot, size: x.fit.size, maxSize: x.maxSize, lines: x.fit.lines.length, truncated: x.fit.truncated })) }
}
