import { ZOD_ISSUE } from './localize.ts'

/**
 * The one error family of Maison. Domain code throws only these; the HTTP layer maps
 * them to problem+json (APIs), DAV XML errors (DAV) or friendly pages (people).
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `address.city`. */
  path: string
  message: string
}

export class AppError extends Error {
  readonly status: number = 500
  readonly code: string = 'internal_error'
  readonly errors?: FieldError[]
  /** Extra headers the HTTP layer should send (e.g. Retry-After). */
  readonly headers?: Record<string, string>

  constructor(message: string, opts: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause })
    this.name = new.target.name
    this.errors = opts.errors
    this.headers = opts.headers
  }
}

export class ValidationError extends AppError {
  override readonly status = 400
  override readonly code: string = 'validation_failed'
}
export class BadRequest extends AppError {
  override readonly status = 400
  override readonly code: string = 'bad_request'
}
export class Unauthorized extends AppError {
  override readonly status = 401
  override readonly code: string = 'unauthorized'
}
export class Forbidden extends AppError {
  override readonly status = 403
  override readonly code: string = 'forbidden'
}
export class NotFound extends AppError {
  override readonly status = 404
  override readonly code: string = 'not_found'
}
export class MethodNotAllowed extends AppError {
  override readonly status = 405
  override readonly code: string = 'method_not_allowed'
}
export class Conflict extends AppError {
  override readonly status = 409
  override readonly code: string = 'conflict'
}
export class Gone extends AppError {
  override readonly status = 410
  override readonly code: string = 'gone'
}
export class PreconditionFailed extends AppError {
  override readonly status = 412
  override readonly code: string = 'precondition_failed'
}
export class PayloadTooLarge extends AppError {
  override readonly status = 413
  override readonly code: string = 'payload_too_large'
}
export class UnsupportedMediaType extends AppError {
  override readonly status = 415
  override readonly code: string = 'unsupported_media_type'
}
export class Locked extends AppError {
  override readonly status = 423
  override readonly code: string = 'locked'
}
export class TooManyRequests extends AppError {
  override readonly status = 429
  override readonly code: string = 'too_many_requests'
}
export class QuotaExceeded extends AppError {
  override readonly status = 507
  override readonly code: string = 'quota_exceeded'
}
export class LimitReached extends AppError {
  override readonly status = 403
  override readonly code: string = 'limit_reached'
}
export class Unavailable extends AppError {
  override readonly status = 503
  override readonly code: string = 'unavailable'
}

/**
 * A subclass of `Base` that differs only by its stable `code`, for domain errors such as
 * `class LinkExpired extends withCode(Gone, 'link_expired') {}`; it keeps Base's constructor and status.
 */
// `...args: any[]` is what TypeScript requires of a mixin's base; returning C keeps Base's own constructor typing.
export function withCode<C extends abstract new (...args: any[]) => AppError>(Base: C, code: string): C {
  abstract class Coded extends Base {
    override readonly code: string = code
  }
  return Coded
}

/** RFC 9457 problem document. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: FieldError[]
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  423: 'Locked', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 507: 'Insufficient Storage',
}

/** Maps infrastructure errors to the family (e.g. a SQLite unique violation is a Conflict). */
export function normalizeError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const e = err as { code?: string; message?: string; type?: string; status?: number }
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) {
    return new Conflict('This already exists.', { cause: err })
  }
  if (e?.code === 'ENOSPC') return new QuotaExceeded('The server has no space left.', { cause: err })
  // body-parser errors carry an HTTP status of their own
  if (e?.type === 'entity.too.large') return new PayloadTooLarge('The request body is too large.', { cause: err })
  if (e?.type === 'entity.parse.failed') return new BadRequest('The request body is not valid JSON.', { cause: err })
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const generic = new BadRequest(e.message ?? 'Bad request', { cause: err })
    return Object.assign(generic, { status: e.status })
  }
  return new AppError('Something went wrong on our side.', { cause: err })
}

/** Builds the problem+json body for an error. */
export function toProblem(err: AppError): Problem {
  const problem: Problem = {
    type: `https://maison.invalid/problems/${err.code}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: err.message,
    code: err.code,
  }
  if (err.errors?.length) problem.errors = err.errors
  return problem
}

/** Turns zod issues into field errors naming the path; each keeps its issue, so the answer can be given in French. */
export function fieldErrorsFromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string }>): FieldError[] {
  // Not enumerable: the field error stays `{ path, message }` to JSON and to deep comparisons.
  return issues.map((i) => Object.defineProperty({ path: i.path.map(String).join('.') || '(body)', message: i.message }, ZOD_ISSUE, { value: i }))
}

export { errorTextWith, loadMessageCatalogue, localizeProblem, MessageCatalogue, SHARED_MESSAGES, ZOD_ISSUE, type Language, type MessageTable } from './localize.ts'
