import type { CalendarDeps } from './deps.ts'
import { InvalidSyncToken } from './errors.ts'
import type { CalendarView, ObjectMeta } from './model.ts'

const PREFIX = 'http://maison.invalid/ns/sync/'

/** The sync token of a calendar at a change number. */
export function syncToken(calendarId: number, seq: number): string {
  return `${PREFIX}${calendarId}-${seq}`
}

export interface SyncResult {
  token: string
  changed: ObjectMeta[]
  /** Object names removed since the token. */
  removed: string[]
}

function parseToken(view: CalendarView, token: string): number {
  const m = token.startsWith(PREFIX) ? /^(\d+)-(\d+)$/.exec(token.slice(PREFIX.length)) : null
  if (!m || Number(m[1]) !== view.calendar.id) throw new InvalidSyncToken('This sync token does not belong to this collection.')
  const seq = Number(m[2])
  if (seq > view.calendar.syncSeq) throw new InvalidSyncToken('This sync token is from the future.')
  if (seq < view.calendar.logFloor) throw new InvalidSyncToken('This sync token is older than the kept change log; sync from scratch.')
  return seq
}

/**
 * RFC 6578 sync-collection, sync-level 1. An empty token lists the current members straight from
 * the objects (never from the log), so trimming the log cannot break an initial sync.
 * @throws InvalidSyncToken
 */
export function syncCollection(deps: CalendarDeps, view: CalendarView, token: string | null): SyncResult {
  return deps.repo.transaction(() => {
    const cal = deps.repo.calendarById(view.calendar.id) ?? view.calendar
    const current = { ...view, calendar: cal }
    if (!token) return { token: syncToken(cal.id, cal.syncSeq), changed: deps.repo.objectMetas(cal.id), removed: [] }
    const since = parseToken(current, token)
    const last = new Map<string, 'changed' | 'removed'>()
    for (const c of deps.repo.changesSince(cal.id, since)) last.set(c.uri, c.op)
    const changedUris = [...last].filter(([, op]) => op === 'changed').map(([uri]) => uri)
    const changed = deps.repo.objectsByUris(cal.id, changedUris).map(({ data: _data, ...meta }) => meta)
    const present = new Set(changed.map((m) => m.uri))
    const removed = [...last.keys()].filter((uri) => !present.has(uri))
    return { token: syncToken(cal.id, cal.syncSeq), changed, removed }
  })
}
