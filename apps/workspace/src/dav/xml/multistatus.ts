import { ROOT_DECLS, escapeText, propElement } from './serialize.ts'

const REASONS: Record<number, string> = {
  200: 'OK', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 423: 'Locked', 424: 'Failed Dependency', 507: 'Insufficient Storage',
}

/** `HTTP/1.1 {code} {reason}` for a status element. */
export function statusLine(code: number): string {
  return `HTTP/1.1 ${code} ${REASONS[code] ?? ''}`.trimEnd()
}

/** A full multistatus document from `<d:response>` elements. */
export function multistatus(responses: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus ${ROOT_DECLS}>${responses.join('')}</d:multistatus>\n`
}

/** One `<d:response>` with propstats grouped by status; values null for name-only answers. */
export function propstatResponse(href: string, groups: ReadonlyArray<{ status: number; props: ReadonlyArray<[string, string | null]> }>): string {
  const stats = groups
    .filter((g) => g.props.length > 0)
    .map((g) => `<d:propstat><d:prop>${g.props.map(([n, v]) => propElement(n, v)).join('')}</d:prop><d:status>${statusLine(g.status)}</d:status></d:propstat>`)
    .join('')
  return `<d:response><d:href>${escapeText(href)}</d:href>${stats}</d:response>`
}

/** One `<d:response>` carrying a bare status (DELETE/COPY failures on members). */
export function statusResponse(href: string, status: number): string {
  return `<d:response><d:href>${escapeText(href)}</d:href><d:status>${statusLine(status)}</d:status></d:response>`
}
