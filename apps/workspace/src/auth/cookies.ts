/** Cookie names of the workspace. */
export const SESSION_COOKIE = 'maison_session'
export const CSRF_COOKIE = 'maison_csrf'
export const LANGUAGE_COOKIE = 'maison_lang'

/** Parses a Cookie header; the first of duplicated names wins, malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1) continue
    const name = part.slice(0, eq).trim()
    if (name in out) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    try {
      out[name] = decodeURIComponent(value)
    } catch {
      // A cookie we did not set; ignore it rather than fail the request.
    }
  }
  return out
}

export interface CookieOptions {
  path: string
  secure: boolean
  httpOnly?: boolean
  /** Seconds; 0 deletes the cookie; undefined makes a browser-session cookie. */
  maxAge?: number
}

/** A Set-Cookie value with SameSite=Lax. */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path}`, 'SameSite=Lax']
  if (o.httpOnly !== false) parts.push('HttpOnly')
  if (o.secure) parts.push('Secure')
  if (o.maxAge !== undefined) {
    parts.push(`Max-Age=${o.maxAge}`)
    if (o.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT')
  }
  return parts.join('; ')
}
