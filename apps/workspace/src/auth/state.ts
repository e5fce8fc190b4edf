import type { Request } from 'express'
import { perRequest } from '../per-request.ts'

/** What authentication learned about a request, kept beside it for sessionInfo and logout. */
export interface AuthState {
  /** The raw session token of a cookie-authenticated request. */
  sessionToken?: string
  sessionTokenHash?: string
  csrfToken?: string
  /** The logged-out double-submit token, once minted or read. */
  anonymousToken?: string
}

const states = perRequest<Request, AuthState>('auth.state')

/** The request's auth state, created on first access. */
export function authState(req: Request): AuthState {
  return states.of(req, () => ({}))
}

/** Whether the auth middleware already ran on this request (routers may run it themselves otherwise). */
export function authDone(req: Request): boolean {
  return states.has(req)
}
