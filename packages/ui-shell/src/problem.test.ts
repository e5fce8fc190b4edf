import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios'
import { describe, expect, it, vi } from 'vitest'

// @nextcloud/axios reads the page's request token from `window` when it loads; Node has no page.
vi.stubGlobal('window', globalThis)
const { problemMessage, problemOf } = await import('./problem.ts')

const texts = { offline: 'offline', forbidden: 'forbidden', other: 'other' }

/** An axios error as @nextcloud/axios rejects with, carrying `status` and a problem+json body. */
function failed(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const response = { status, data, headers: new AxiosHeaders(headers), statusText: '', config: { headers: new AxiosHeaders() } } as AxiosResponse
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, response)
}

describe('problemOf', () => {
  it('reads status, code, detail, field errors and Retry-After', () => {
    const p = problemOf(failed(429, { code: 'too_many_requests', detail: 'Slow down.', errors: [{ path: 'a', message: 'b' }] }, { 'retry-after': '30' }))
    expect(p).toEqual({ status: 429, code: 'too_many_requests', detail: 'Slow down.', retryAfter: 30, errors: [{ path: 'a', message: 'b' }] })
  })

  it('gives status 0 to anything that is not an answer', () => {
    expect(problemOf(new Error('network')).status).toBe(0)
  })
})

describe('problemMessage', () => {
  it('adds the field problems the detail does not already name', () => {
    const err = failed(400, { detail: 'The event is not valid. end: must be after the start', errors: [
      { path: 'end', message: 'must be after the start' },
      { path: 'title', message: 'must not be empty' },
    ] })
    expect(problemMessage(err, texts)).toBe('The event is not valid. end: must be after the start title: must not be empty')
  })

  it('shows the detail alone when it says everything', () => {
    expect(problemMessage(failed(409, { detail: 'Already taken.' }), texts)).toBe('Already taken.')
  })

  it("falls back to the app's sentences by status", () => {
    expect(problemMessage(new Error('network'), texts)).toBe('offline')
    expect(problemMessage(failed(403, {}), texts)).toBe('forbidden')
    expect(problemMessage(failed(500, 'not json'), texts)).toBe('other')
  })
})
