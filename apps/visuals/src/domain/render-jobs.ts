import { createHash } from 'node:crypto'
import { AppError, BadRequest, Gone, NotFound, ValidationError, type FieldError } from '@maison/errors'
import { SIZES } from './sizes.ts'
import { RenderNotReady } from './errors.ts'
import { resolveFields } from './fields.ts'
import { checkRenderRequest, type RenderedFile, type RenderRequest } from './render-visual.ts'
import type { BrandKit } from './brand-kit.ts'
import type { TemplateCatalogue } from './catalogue.ts'

/** Past this many pixels an image render is heavy (an A3 poster at 150 dpi, 4.3 MP, is; an A4 one, 2.2 MP, is not). */
export const HEAVY_PIXELS = 4_000_000
/** How long a finished render's file is kept for its caller to fetch. */
export const RENDER_FILE_TTL_MS = 60 * 60 * 1000

export type RenderState = 'queued' | 'running' | 'done' | 'failed'

/** What the job queue knows of one render. */
export interface RenderJobView {
  state: RenderState
  /** 0–100. */
  progress: number
  /** Why it failed, as the problem the synchronous API would have answered. */
  error?: RenderProblem
}

export interface RenderProblem {
  status: number
  code: string
  message: string
  errors?: FieldError[]
}

/** What a render job carries: enough to redo the render in any worker process. */
export interface RenderJobData {
  space: string
  id: string
  request: RenderRequest
}

/** The queue heavy renders run on (BullMQ in production); job ids are deterministic. */
export interface RenderJobQueue {
  /** Adds the job unless one with this id exists; answers the job as it now is. */
  enqueue(jobId: string, data: RenderJobData): Promise<RenderJobView>
  get(jobId: string): Promise<RenderJobView | null>
  remove(jobId: string): Promise<void>
  /** Waits until the job settles or `ms` pass, and answers it as it then is. */
  wait(jobId: string, ms: number): Promise<RenderJobView | null>
}

/** A finished render's file and when it goes away. */
export interface StoredRender extends RenderedFile {
  expiresAt: Date
}

/** Where one space keeps finished renders for a limited time and within a disk budget. */
export interface RenderFileStore {
  put(id: string, file: RenderedFile, now: Date): Promise<void>
  /** The file, or null when it never existed, expired or was pruned. */
  get(id: string, now: Date): Promise<StoredRender | null>
  /** Size and expiry of a stored file, without reading it. */
  stat(id: string, now: Date): Promise<Omit<StoredRender, 'bytes'> & { size: number } | null>
}

/** A render as the job API presents it. */
export interface RenderStatus {
  id: string
  status: RenderState
  progress: number
  file?: { mime: string; filename: string; size: number; expiresAt: string }
  error?: RenderProblem
}

export interface RenderJobDeps {
  queue: RenderJobQueue
  store: RenderFileStore
  catalogue: TemplateCatalogue
  kit: BrandKit
  clock: () => Date
}

/** Whether a render is too heavy for the synchronous API: every PDF, and images past `HEAVY_PIXELS`. */
export function isHeavy(req: RenderRequest): boolean {
  const size = SIZES[req.size]
  return req.type === 'pdf' || Math.round(size.width * req.scale) * Math.round(size.height * req.scale) > HEAVY_PIXELS
}

/**
 * Asks for a render through the job queue; the same request (same template, fields, size, kit) is one job.
 * @throws NotFound for an unknown template; ValidationError for bad fields or size; RenderTooLarge past the pixel cap
 */
export async function requestRender(deps: RenderJobDeps, space: string, req: RenderRequest): Promise<RenderStatus> {
  const template = deps.catalogue.get(req.template)
  checkRenderRequest(template, req)
  // Fields are checked here, so a request that can never render is refused at once, not by a job later.
  resolveFields(template, req.fields, deps.kit)
  const id = renderIdOf(space, req, { layout: template.layouts.get(req.size), fields: template.fields, labels: template.labels }, deps.kit)
  const jobId = jobIdOf(space, id)
  let view = await deps.queue.enqueue(jobId, { space, id, request: req })
  const stale = view.state === 'failed' || (view.state === 'done' && !(await deps.store.stat(id, deps.clock())))
  // Asking again after a failure, or after the file went, is asking for another try.
  if (stale) {
    await deps.queue.remove(jobId)
    view = await deps.queue.enqueue(jobId, { space, id, request: req })
  }
  return present(deps, id, view)
}

/**
 * Where a render stands.
 * @throws NotFound when there is no such render in this space; Gone when its file expired
 */
export async function renderStatus(deps: Pick<RenderJobDeps, 'queue' | 'store' | 'clock'>, space: string, id: string): Promise<RenderStatus> {
  const view = await deps.queue.get(jobIdOf(space, id))
  if (!view) throw new NotFound(`No render ${id} in this space; finished renders are kept ${RENDER_FILE_TTL_MS / 60_000} minutes.`)
  return present(deps, id, view)
}

/**
 * Waits up to `ms` for a render to finish.
 * @throws as `renderStatus`
 */
export async function awaitRender(deps: Pick<RenderJobDeps, 'queue' | 'store' | 'clock'>, space: string, id: string, ms: number): Promise<RenderStatus> {
  const view = await deps.queue.wait(jobIdOf(space, id), ms)
  if (!view) throw new NotFound(`No render ${id} in this space.`)
  return present(deps, id, view)
}

/**
 * The file of a finished render.
 * @throws NotFound when there is no such render; RenderNotReady (409) while it is not done; the render's own error when it failed; Gone when expired
 */
export async function renderedFile(deps: Pick<RenderJobDeps, 'queue' | 'store' | 'clock'>, space: string, id: string): Promise<RenderedFile> {
  const status = await renderStatus(deps, space, id)
  if (status.status === 'failed') throw problemError(status.error!)
  if (status.status !== 'done') {
    throw new RenderNotReady(`The render is still ${status.status} (${status.progress} %); fetch its status until it is done.`)
  }
  const file = await deps.store.get(id, deps.clock())
  if (!file) throw new Gone(expiredMessage())
  return file
}

/** Runs one render job: resolves the space's template and kit, renders, stores the file for its caller. */
export async function processRenderJob(
  deps: { store: RenderFileStore; clock: () => Date; render: (req: RenderRequest) => Promise<RenderedFile>; progress: (n: number) => Promise<void> },
  data: RenderJobData,
): Promise<{ size: number }> {
  // A retry after the file was stored (the worker died before acknowledging) has nothing left to do.
  const done = await deps.store.stat(data.id, deps.clock())
  if (done) return { size: done.size }
  await deps.progress(10)
  const file = await deps.render(data.request)
  await deps.progress(90)
  await deps.store.put(data.id, file, deps.clock())
  await deps.progress(100)
  return { size: file.bytes.length }
}

/** The error a failed render answers, with its original status and code. */
export function problemError(p: RenderProblem): AppError {
  if (p.status === 400 && p.code === 'validation_failed') return new ValidationError(p.message, { errors: p.errors })
  if (p.status >= 400 && p.status < 500) return Object.assign(new BadRequest(p.message, { errors: p.errors }), { status: p.status, code: p.code })
  return Object.assign(new AppError(p.message), { status: p.status >= 500 ? p.status : 500, code: p.code })
}

/** The problem an error stands for, to carry it through the queue. */
export function problemOf(err: unknown): RenderProblem {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message, ...(err.errors ? { errors: err.errors } : {}) }
  return { status: 500, code: 'render_failed', message: 'The render failed.' }
}

/** The BullMQ job id of a render: the space and the request's hash (BullMQ ids may not hold ':'). */
export function jobIdOf(space: string, id: string): string {
  return `render.${space}.${id}`
}

async function present(deps: Pick<RenderJobDeps, 'store' | 'clock'>, id: string, view: RenderJobView): Promise<RenderStatus> {
  if (view.state !== 'done') return { id, status: view.state, progress: view.progress, ...(view.error ? { error: view.error } : {}) }
  const stat = await deps.store.stat(id, deps.clock())
  if (!stat) throw new Gone(expiredMessage())
  return { id, status: 'done', progress: 100, file: { mime: stat.mime, filename: stat.filename, size: stat.size, expiresAt: stat.expiresAt.toISOString() } }
}

function expiredMessage(): string {
  return `The file of this render is no longer kept (files are kept ${RENDER_FILE_TTL_MS / 60_000} minutes); ask for it again with POST renders.`
}

function renderIdOf(space: string, req: RenderRequest, template: unknown, kit: BrandKit): string {
  const h = createHash('sha256')
  h.update(canonical({ space, template: req.template, size: req.size, type: req.type, scale: req.scale, fields: req.fields, layout: template, kit }))
  return h.digest('hex').slice(0, 32)
}

// Key order must not make two equal requests two jobs.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value instanceof Map) return canonical(Object.fromEntries(value))
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * The synchronous API's path for heavy renders: runs the job and waits up to `ms` for it; answers the file
 * when it finished in time, otherwise where the job stands (the caller answers 202 and points to it).
 * @throws as `requestRender`; the render's own error when it failed
 */
export async function renderThroughJob(deps: RenderJobDeps, space: string, req: RenderRequest, ms: number): Promise<{ file: RenderedFile } | { pending: RenderStatus }> {
  const asked = await requestRender(deps, space, req)
  const status = asked.status === 'done' ? asked : await awaitRender(deps, space, asked.id, ms)
  if (status.status === 'failed') throw problemError(status.error!)
  if (status.status !== 'done') return { pending: status }
  return { file: await renderedFile(deps, space, status.id) }
}
