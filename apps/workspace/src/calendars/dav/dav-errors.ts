import { CalendarPreconditionError, CalendarTooLargeError, TooManyInstancesError } from '@maison/ical'
import { QuotaExceeded } from '@maison/errors'
import { withCondition, withStatus } from '../../dav/errors.ts'
import type { DavContext } from '../../dav/tree.ts'
import { InvalidSyncToken, UidConflict } from '../errors.ts'
import { davHref } from './hrefs.ts'
import { cal, href } from './names.ts'

/**
 * Gives domain and @maison/ical errors their DAV precondition element; `objectPath` maps a UID
 * conflict to the href of the other resource. Other errors pass unchanged.
 */
export function asDavError(err: unknown, ctx: DavContext, calendarPath?: readonly string[]): unknown {
  if (err instanceof TooManyInstancesError) {
    // A result past our limits is "insufficient storage" for DAV (RFC 4918 §16 number-of-matches-within-limits).
    return withCondition(withStatus(new QuotaExceeded(err.message), 507), '<d:number-of-matches-within-limits/>')
  }
  if (err instanceof CalendarPreconditionError || err instanceof CalendarTooLargeError) {
    const p = err.precondition
    return withCondition(err, p.namespace === 'DAV:' ? `<d:${p.name}/>` : cal(p.name))
  }
  if (err instanceof UidConflict) {
    const other = calendarPath ? href(davHref(ctx, [...calendarPath, err.otherUri], false)) : ''
    return withCondition(err, cal('no-uid-conflict', other))
  }
  if (err instanceof InvalidSyncToken) return withCondition(err, '<d:valid-sync-token/>')
  return err
}

/** Runs `fn`, rethrowing its errors with their DAV precondition. */
export async function davErrors<T>(ctx: DavContext, calendarPath: readonly string[] | undefined, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw asDavError(err, ctx, calendarPath)
  }
}
