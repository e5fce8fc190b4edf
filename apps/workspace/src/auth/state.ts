import type { Request } from 'express'

/** What authentication learned about a request, kept beside it for sessionInfo and logout. */
export interface AuthState {
  /** The raw session token of a cookie-authenticated request. */
  sessionToken?: string
  sessionTokenHash?: string
  csrfToken?: string
  /** The logged-out double-submit token, once minted or read. */
  anonymousToken?: string
}

// On the request, not in a WeakMap keyed by it: V8's young collections keep a long-lived WeakMap's values
// (see SERVICE in files/dav-provider.ts).
const STATE = Symbol('auth.state')
type WithState = Request & { [STATE]?: AuthState }

/** The request's auth state, created on first access. */
export function authState(req: Request): AuthState {
  return ((req as WithState)[STATE] ??= {})
}

/** Whether the auth middleware already ran on this request (routers may run it themselves otherwise). */
export function authDone(req: Request): boolean {
  return (req as WithState)[STATE] !== undefined
}
