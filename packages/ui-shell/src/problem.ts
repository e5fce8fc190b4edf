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
