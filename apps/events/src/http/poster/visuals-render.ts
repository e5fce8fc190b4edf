import type { AppApiEndpoint } from '@maison/app-contract'
import { Unavailable, ValidationError, type FieldError } from '@maison/errors'

/** What POST /apps/visuals/api/render takes (apps/visuals/openapi.yaml, RenderRequest). */
export interface VisualsRenderRequest {
  template: string
  size: string
  type: 'png' | 'pdf'
  fields: Record<string, unknown>
}

export interface RenderedFile {
  bytes: Buffer
  mime: string
}

export interface RenderOptions {
  /** Overall limit, the polling of a queued render included. */
  timeoutMs: number
  /** Pause between two looks at a queued render. */
  pollMs?: number
  clock?: () => number
}

interface RenderStatus {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  error?: { status: number; message: string; errors?: FieldError[] }
}

/**
 * Renders a visual through the visuals app's API: the file at once, or — for heavy renders (every PDF),
 * which visuals answers with 202 and a job — by polling the job until its file is ready.
 * @throws ValidationError when visuals refuses the fields (400, with its errors); Unavailable on anything else
 */
export async function renderWithVisuals(endpoint: AppApiEndpoint, body: VisualsRenderRequest, opts: RenderOptions): Promise<RenderedFile> {
  const now = opts.clock ?? Date.now
  const deadline = now() + opts.timeoutMs
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const left = deadline - now()
    if (left <= 0) throw new Unavailable(`The visuals app did not finish the render within ${opts.timeoutMs / 1000} s.`)
    try {
      return await fetch(`${endpoint.url}${path}`, { ...init, headers: { ...endpoint.headers, ...init.headers }, signal: AbortSignal.timeout(left) })
    } catch (err) {
      throw new Unavailable(`The visuals app did not finish the render within ${opts.timeoutMs / 1000} s.`, { cause: err })
    }
  }
  let res = await call('render', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (res.status === 202) {
    let job = (await res.json()) as RenderStatus
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 250))
      const polled = await call(`renders/${encodeURIComponent(job.id)}`)
      if (polled.status !== 200) throw await failure(polled)
      job = (await polled.json()) as RenderStatus
    }
    if (job.status === 'failed') throw failed(job.error?.status ?? 500, job.error?.message ?? 'the render failed', job.error?.errors)
    res = await call(`renders/${encodeURIComponent(job.id)}/file`)
  }
  if (res.status !== 200) throw await failure(res)
  return { bytes: Buffer.from(await res.arrayBuffer()), mime: (res.headers.get('content-type') ?? '').split(';')[0]! }
}

async function failure(res: Response): Promise<Error> {
  const problem = (await res.json().catch(() => ({}))) as { detail?: string; errors?: FieldError[] }
  return failed(res.status, problem.detail ?? res.statusText, problem.errors)
}

function failed(status: number, message: string, errors?: FieldError[]): Error {
  if (status === 400) return new ValidationError(`The visuals app refused the poster's fields: ${message}`, { errors })
  return new Unavailable(`The visuals app could not render (${status}): ${message}`)
}
