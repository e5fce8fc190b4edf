import { isAxiosError } from '@nextcloud/axios'

/** What the UI needs from a failed API call: the status, the API's code and a sentence to show. */
export interface ProblemInfo {
  status: number
  code: string | null
  detail: string | null
  /** Seconds to wait, from Retry-After (429). */
  retryAfter: number | null
  errors: Array<{ path: string; message: string }>
}

/** Reads an application/problem+json answer out of an axios error; network errors get status 0. */
export function problemOf(error: unknown): ProblemInfo {
  if (isAxiosError(error) && error.response) {
    const data = (error.response.data ?? {}) as { code?: unknown; detail?: unknown; errors?: unknown }
    const header = error.response.headers?.['retry-after'] as string | undefined
    const retry = header !== undefined ? Number.parseInt(header, 10) : Number.NaN
    return {
      status: error.response.status,
      code: typeof data.code === 'string' ? data.code : null,
      detail: typeof data.detail === 'string' ? data.detail : null,
      retryAfter: Number.isFinite(retry) ? retry : null,
      errors: Array.isArray(data.errors) ? (data.errors as ProblemInfo['errors']) : [],
    }
  }
  return { status: 0, code: null, detail: null, retryAfter: null, errors: [] }
}

/** The app's own sentences for a failed call whose answer carries no detail of its own. */
export interface ProblemTexts {
  /** The server could not be reached (network error). */
  offline: string
  /** 403 without a detail. */
  forbidden: string
  /** Any other failure. */
  other: string
}

/** The API's own sentence (problem+json) with each field problem it does not already name, else one of `texts` by status. */
export function problemMessage(error: unknown, texts: ProblemTexts): string {
  const p = problemOf(error)
  if (p.detail) {
    // The detail often already names the field ("end: must be after the start"): add only what it does not say.
    const detail = p.detail
    const extra = p.errors.map((e) => `${e.path}: ${e.message}`).filter((line) => !detail.includes(line))
    return extra.length ? `${detail} ${extra.join('; ')}` : detail
  }
  if (p.status === 0) return texts.offline
  if (p.status === 403) return texts.forbidden
  return texts.other
}
