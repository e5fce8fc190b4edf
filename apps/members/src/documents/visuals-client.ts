import type { AppApiEndpoint } from '@maison/app-contract'
import { Unavailable } from '@maison/errors'

/** What POST /apps/visuals/api/render takes (apps/visuals/openapi.yaml, RenderRequest). */
export interface VisualsRenderRequest {
  template: string
  size: 'card'
  type: 'png'
  fields: Record<string, string | boolean>
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * Renders a small PNG through the visuals app's render API (answered at once: only PDFs and images past
 * 4 MP go through its job queue).
 * @throws Unavailable when visuals does not answer a PNG in time (timeout, 4xx/5xx, 202, network error)
 */
export async function renderPngWithVisuals(endpoint: AppApiEndpoint, body: VisualsRenderRequest, timeoutMs: number): Promise<Buffer> {
  let res: Response
  try {
    res = await fetch(`${endpoint.url}render`, {
      method: 'POST', headers: { ...endpoint.headers, 'content-type': 'application/json', accept: 'image/png' },
      body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (err) {
    throw new Unavailable(`The visuals app did not answer within ${timeoutMs} ms.`, { cause: err })
  }
  const bytes = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)))
  if (res.status !== 200 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Unavailable(`The visuals app answered ${res.status} ${bytes.subarray(0, 300).toString('utf8')}`)
  }
  return bytes
}
