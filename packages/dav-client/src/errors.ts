import { AppError, Conflict, Forbidden, NotFound, PayloadTooLarge, QuotaExceeded, Unauthorized, Unavailable } from '@maison/errors'

/** The object changed on the server since it was read (HTTP 412 on If-Match / If-None-Match). */
export class DavConflict extends Conflict {
  override readonly code: string = 'edit_conflict'
}

/** The server refused the request with a DAV precondition (e.g. CALDAV:valid-calendar-data), or for lack of rights. */
export class DavForbidden extends Forbidden {
  override readonly code: string = 'dav_forbidden'
  /** Local name of the precondition element the server named, if any (e.g. `valid-calendar-data`). */
  readonly precondition: string | null

  constructor(message: string, precondition: string | null) {
    super(message)
    this.precondition = precondition
  }
}

/** The space's storage or a server limit is exhausted (HTTP 507). */
export class DavInsufficientStorage extends QuotaExceeded {
  override readonly code: string = 'dav_insufficient_storage'
}

const PRECONDITION = /<(?:[a-z0-9-]+:)?error[^>]*>\s*<(?:[a-z0-9-]+:)?([a-z0-9-]+)/i

/** The precondition element named in a DAV error body (RFC 4918 §16), if any. */
export function preconditionOf(body: string): string | null {
  return PRECONDITION.exec(body)?.[1] ?? null
}

/** Maps a failed DAV answer to the @maison/errors family, so callers never see raw HTTP statuses. */
export function davError(method: string, url: string, status: number, body: string): AppError {
  const where = `${method} ${new URL(url).pathname}`
  const precondition = preconditionOf(body)
  switch (status) {
    case 412:
      return new DavConflict(`The calendar object changed meanwhile (${where}).`)
    case 507:
      return new DavInsufficientStorage(`The server is out of space for this (${where}).`)
    case 400:
    case 403:
    case 415:
    case 422:
      return new DavForbidden(`The server refused ${where}${precondition ? ` (${precondition})` : ''}.`, precondition)
    case 401:
      return new Unauthorized(`The DAV credentials were refused (${where}).`)
    case 404:
      return new NotFound(`Nothing at ${where}.`)
    case 409:
      return new Conflict(`The server reported a conflict (${where}).`)
    case 413:
      return new PayloadTooLarge(`The object is too large for the server (${where}).`)
    default:
      return status >= 500 ? new Unavailable(`The DAV server failed (${status}) on ${where}.`) : new AppError(`Unexpected DAV answer ${status} on ${where}.`)
  }
}
