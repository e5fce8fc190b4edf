import { AppError, normalizeError } from '@maison/errors'
import { ROOT_DECLS, escapeText } from './xml/serialize.ts'

// DAV preconditions (RFC 4918 §16) travel with an AppError without widening the shared family.
const conditions = new WeakMap<AppError, string>()

/** Attaches a DAV precondition element (serialised, `d:` prefix) to an error. */
export function withCondition<E extends AppError>(err: E, conditionXml: string): E {
  conditions.set(err, conditionXml)
  return err
}

/** Gives an error a status outside the shared family (e.g. 502 for a foreign Destination). */
export function withStatus<E extends AppError>(err: E, status: number): E {
  return Object.assign(err, { status })
}

/** The DAV XML error body for any thrown value, and its status; `say` gives the message in the client's language. */
export function renderDavError(thrown: unknown, say: (message: string) => string = (m) => m): { status: number; body: string; headers: Record<string, string> } {
  const err = normalizeError(thrown)
  const condition = conditions.get(err) ?? ''
  const message = say(err.status >= 500 && err.status !== 507 && err.status !== 502 ? 'Something went wrong on our side.' : err.message)
  const body =
    `<?xml version="1.0" encoding="utf-8"?>\n<d:error ${ROOT_DECLS}>${condition}` +
    `<s:exception>${escapeText(err.code)}</s:exception><s:message>${escapeText(message)}</s:message></d:error>\n`
  return { status: err.status, body, headers: err.headers ?? {} }
}
