import { createHash } from 'node:crypto'
import { NotFound } from '@maison/errors'
import type { CalendarDeps } from './deps.ts'
import { parsedOf } from './query.ts'

/** Days of the past a public feed includes by default. */
export const FEED_PAST_DAYS = 30
const DAY = 86_400_000

export interface Feed {
  etag: string
  /** Computes the body only when the client's copy is stale. */
  body(): string
  name: string
}

/**
 * The read-only ICS feed of a public link: the stored components themselves (overrides, alarms and
 * their VTIMEZONEs as sent), so exceptions and zones stay exact; objects ending before the window skipped.
 * @throws NotFound for an unknown or revoked token
 */
export function publicFeed(deps: CalendarDeps, token: string): Feed {
  const cal = deps.repo.calendarByToken(token)
  if (!cal) throw new NotFound('This calendar link does not exist or was revoked.')
  const now = deps.clock().getTime()
  const from = Math.floor((now - FEED_PAST_DAYS * DAY) / DAY) * DAY
  const etag = '"' + createHash('sha256').update(`${cal.id}:${cal.syncSeq}:${cal.updatedAt}:${from}`).digest('base64url').slice(0, 22) + '"'
  return {
    etag,
    name: cal.displayName,
    body() {
      const view = { calendar: cal, segment: cal.uri, access: 'read' as const, manage: false }
      const zones = new Map<string, string>()
      const items: string[] = []
      for (const o of deps.repo.candidates(cal.id, 'VEVENT', from, Infinity)) {
        const root = parsedOf(deps, view, o).root
        for (const tz of root.getAllSubcomponents('vtimezone')) zones.set(String(tz.getFirstPropertyValue('tzid')), tz.toString())
        for (const c of root.getAllSubcomponents('vevent')) items.push(c.toString())
      }
      const esc = (s: string) => s.replace(/[\\;,]/g, (m) => '\\' + m).replace(/\n/g, '\\n')
      return [
        'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Maison//Calendar feed//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${esc(cal.displayName)}`,
        `X-WR-TIMEZONE:${cal.tzid}`, 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', ...zones.values(), ...items, 'END:VCALENDAR', '',
      ].join('\r\n')
    },
  }
}
