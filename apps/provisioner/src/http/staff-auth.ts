import type { Request, RequestHandler } from 'express'
import { parse as parseCookies } from 'cookie'
import { Forbidden, Unauthorized } from '@maison/errors'
import type { StaffMember } from '../domain/ports.ts'
import type { StaffService } from '../domain/staff.ts'

export const STAFF_COOKIE = 'maison_staff'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      staff?: StaffMember
      staffCsrf?: string
    }
  }
}

/** Platform API: HTTP Basic with a staff password, or `Authorization: Bearer` with a staff API token. */
export function apiAuth(staff: StaffService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? ''
    if (header.startsWith('Bearer ')) {
      const s = staff.byToken(header.slice(7).trim())
      if (!s) throw new Unauthorized('This API token is unknown or revoked.')
      req.staff = s
      return next()
    }
    if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
      const i = decoded.indexOf(':')
      req.staff = await staff.login(decoded.slice(0, i), decoded.slice(i + 1))
      return next()
    }
    throw new Unauthorized('Authenticate with staff credentials (HTTP Basic) or a staff API token (Bearer).', {
      headers: { 'WWW-Authenticate': 'Basic realm="Maison staff", charset="UTF-8"' },
    })
  }
}

export function sessionToken(req: Request): string | undefined {
  return parseCookies(req.get('cookie') ?? '')[STAFF_COOKIE]
}

/** Console pages: a staff session cookie; state-changing forms carry the session's CSRF token. */
export function consoleAuth(staff: StaffService): RequestHandler {
  return (req, res, next) => {
    const token = sessionToken(req)
    const s = token ? staff.session(token) : null
    if (!s) {
      if (req.method === 'GET' && !req.path.endsWith('.json')) return res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`)
      throw new Unauthorized('Your staff session has ended; log in again.')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token')
      if (sent !== s.csrf) throw new Forbidden('The form is out of date (CSRF check failed); reload the page and try again.')
    }
    req.staff = s.staff
    req.staffCsrf = s.csrf
    next()
  }
}
