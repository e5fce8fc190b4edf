import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import type { Occurrence } from '../../domain/model.ts'
import { safeUrl } from '../html.ts'
import { safeZone } from '../dates.ts'
import { vtimezone } from './vtimezone.ts'

const STATUS = { tentative: ICalEventStatus.TENTATIVE, confirmed: ICalEventStatus.CONFIRMED, cancelled: ICalEventStatus.CANCELLED } as const

const partsFormat = new Map<string, Intl.DateTimeFormat>()

/**
 * ical-generator writes a native Date under a TZID with the Date's local getters, so the Date handed to it is
 * built from the zone's wall-clock fields with the local constructor. Exact unless that wall time does not
 * exist in the process's own zone (a DST gap); servers run in UTC, which has none.
 */
function wallDate(iso: string, zone: string): Date {
  let f = partsFormat.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    partsFormat.set(zone, f)
  }
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, Number(x.value)]))
  return new Date(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
}

const compact = (iso: string): string => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/**
 * An iCalendar feed of occurrences. Each occurrence is its own VEVENT (a recurring event's occurrences get
 * `{uid}_{start}` UIDs), so a subscriber sees exactly the listed dates, cancelled ones as STATUS:CANCELLED.
 */
export function icsFeed(input: { name: string; description?: string; occurrences: Occurrence[]; eventUrl: (o: Occurrence) => string; defaultZone: string; now: Date }): string {
  // The VTIMEZONE must cover every listed date; past its last transition a reader would keep one offset all year.
  const years = input.occurrences.flatMap((o) => [new Date(o.start).getUTCFullYear(), new Date(o.end).getUTCFullYear()])
  const fromYear = Math.min(input.now.getUTCFullYear(), ...years) - 1
  const toYear = Math.max(input.now.getUTCFullYear(), ...years) + 1
  const cal = ical({
    name: input.name,
    description: input.description,
    prodId: { company: 'Maison', product: 'Events', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
    timezone: { name: null as unknown as string, generator: (tz: string) => vtimezone(tz, fromYear, toYear) },
  })
  for (const o of input.occurrences) {
    const e = o.event
    const zone = safeZone(e.timezone, input.defaultZone)
    const status = e.status === 'cancelled' ? 'cancelled' : o.status
    const url = safeUrl(input.eventUrl(o))
    cal.createEvent({
      id: e.rrule ? `${e.uid}_${compact(o.start)}` : e.uid,
      start: wallDate(o.start, zone),
      end: wallDate(o.end, zone),
      allDay: e.allDay,
      timezone: zone,
      summary: e.title,
      description: [e.descriptionText, url].filter(Boolean).join('\n\n'),
      location: e.address ?? (safeUrl(e.onlineUrl) ? e.onlineUrl : null),
      url,
      status: STATUS[status],
      categories: e.tags.filter((t) => t.trim()).map((name) => ({ name })),
      lastModified: new Date(e.updatedAt),
      created: new Date(e.createdAt),
      stamp: new Date(e.updatedAt),
    })
  }
  return cal.toString()
}
