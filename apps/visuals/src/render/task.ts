import { renderSvg } from '../domain/render-svg.ts'
import { rasterize, type OutputType } from './rasterize.ts'
import type { BrandKit } from '../domain/brand-kit.ts'
import type { SizeSpec } from '../domain/sizes.ts'
import type { Template } from '../domain/template.ts'

/** One unit of render work, sent to a render worker (structured-clonable). */
export type RenderTask =
  | { kind: 'template'; template: Template; size: SizeSpec; fields: Record<string, unknown>; kit: BrandKit; type: OutputType; pixelWidth: number }
  | { kind: 'svg'; svg: string; size: { width: number; height: number }; type: OutputType; pixelWidth: number }

/** Runs a task to the output bytes; layout and rasterizing both happen here, under the worker's time limit. */
export async function runRenderTask(task: RenderTask): Promise<Buffer> {
  const svg = task.kind === 'template' ? renderSvg(task.template, task.size.id, task.fields, task.kit) : task.svg
  const mm = task.kind === 'template' ? task.size.mm : undefined
  return rasterize({ svg, type: task.type, pixelWidth: task.pixelWidth, pageMm: mm, svgSize: task.size })
}
