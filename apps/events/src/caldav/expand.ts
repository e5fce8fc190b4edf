import ICAL from 'ical.js'
import { ExpansionBudget, TooManyInstancesError, expandObject, parseCalendarObject } from '@maison/ical'
import type { EventStatus } from '../domain/model.ts'
import type { MaterialisedOccurrence } from '../domain/calendar.ts'
import { EXPANSION } from '../domain/rrule.ts'
import { readTimeProp } from './ics-time.ts'

export type ExpandedOccurrence = MaterialisedOccurrence

const STATUSES: Record<string, EventStatus> = { TENTATIVE: 'tentative', CONFIRMED: 'confirmed', CANCELLED: 'cancelled' }

/**
 * The occurrences of an object from its first start up to `horizon` (UTC ms), at most EXPANSION.maxInstances:
 * a rule without end, or one a phone wrote with FREQ=SECONDLY, is cut there rather than expanded forever.
 */
export function expandOccurrences(ics: string, zone: string, from: number, horizon: number): ExpandedOccurrence[] {
  let text: string
  try {
    const obj = parseCalendarObject(ics, { timezone: zone, supportedComponents: ['VEVENT'] })
    text = expandObject(obj, { start: from, end: horizon }, zone, { budget: new ExpansionBudget({ maxInstances: EXPANSION.maxInstances * 4, maxMillis: 500 }) })
  } catch (err) {
    if (err instanceof TooManyInstancesError && horizon - from > 86_400_000) return expandOccurrences(ics, zone, from, from + (horizon - from) / 8)
    throw err
  }
  const root = new ICAL.Component(ICAL.parse(text) as unknown[])
  const out: ExpandedOccurrence[] = []
  for (const c of root.getAllSubcomponents('vevent')) {
    const start = readTimeProp(c.getFirstProperty('dtstart'), zone)
    if (!start) continue
    const end = readTimeProp(c.getFirstProperty('dtend'), zone)?.utc ?? (start.isDate ? start.utc + 86_400_000 : start.utc)
    const rid = readTimeProp(c.getFirstProperty('recurrence-id'), zone)
    out.push({ start: start.utc, end, recurrenceId: rid?.utc ?? null, status: STATUSES[String(c.getFirstPropertyValue('status') ?? '').toUpperCase()] ?? 'confirmed' })
  }
  out.sort((a, b) => a.start - b.start)
  return out.slice(0, EXPANSION.maxInstances)
}
