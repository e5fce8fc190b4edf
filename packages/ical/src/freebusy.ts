import ICAL from 'ical.js'
import { ExpansionBudget } from './budget.ts'
import { CalendarPreconditionError } from './errors.ts'
import { masterInstances, singleInstance, timingsOf, type Instance } from './instances.ts'
import { DEFAULT_TIMEZONE, type CalendarObject } from './object.ts'
import { overlaps, type Range } from './overlap.ts'

export interface FreeBusyOptions {
  budget?: ExpansionBudget
  /** DTSTAMP of the answer. */
  now?: Date
}

type FbType = 'BUSY' | 'BUSY-TENTATIVE'

function busyType(i: Instance): FbType | null {
  const comp = i.timing.comp
  if (String(comp.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase() === 'TRANSPARENT') return null
  const status = String(comp.getFirstPropertyValue('status') ?? '').toUpperCase()
  if (status === 'CANCELLED') return null
  return status === 'TENTATIVE' ? 'BUSY-TENTATIVE' : 'BUSY'
}

function merge(periods: Array<[number, number]>): Array<[number, number]> {
  periods.sort((a, b) => a[0] - b[0])
  const out: Array<[number, number]> = []
  for (const p of periods) {
    const last = out[out.length - 1]
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1])
    else out.push([p[0], p[1]])
  }
  return out
}

function collect(obj: CalendarObject, range: Range, tz: string, budget: ExpansionBudget, into: Record<FbType, Array<[number, number]>>): void {
  if (obj.componentType !== 'VEVENT') return
  const { master, overrides, overridden } = timingsOf(obj, tz)
  const add = (i: Instance) => {
    const type = busyType(i)
    if (type && i.end > i.start && overlaps(i, range)) into[type].push([Math.max(i.start, range.start), Math.min(i.end, range.end)])
  }
  if (master) {
    for (const i of masterInstances(master, overridden, budget, range.start)) {
      if (i.start > range.end) break
      add(i)
    }
  }
  for (const o of overrides) add(singleInstance(o))
}

/**
 * RFC 4791 §7.10 free-busy-query answer: busy periods of the VEVENTs, skipping TRANSPARENT and
 * CANCELLED ones, TENTATIVE as BUSY-TENTATIVE, merged and clipped to the range, in UTC.
 * @throws CalendarPreconditionError for an open range; TooManyInstancesError past the budget
 */
export function freeBusy(objects: Iterable<CalendarObject>, range: Range, tz = DEFAULT_TIMEZONE, opts: FreeBusyOptions = {}): string {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.start >= range.end) {
    throw new CalendarPreconditionError('valid-filter', 'free-busy-query needs a time-range with a start before its end.')
  }
  const budget = opts.budget ?? new ExpansionBudget()
  const periods: Record<FbType, Array<[number, number]>> = { BUSY: [], 'BUSY-TENTATIVE': [] }
  for (const obj of objects) collect(obj, range, tz, budget, periods)
  const utc = (ms: number) => ICAL.Time.fromJSDate(new Date(ms), true)
  const cal = new ICAL.Component('vcalendar')
  cal.addPropertyWithValue('version', '2.0')
  cal.addPropertyWithValue('prodid', '-//Maison//CalDAV//EN')
  const fb = new ICAL.Component('vfreebusy')
  fb.addPropertyWithValue('dtstamp', utc((opts.now ?? new Date()).getTime()))
  fb.addPropertyWithValue('dtstart', utc(range.start))
  fb.addPropertyWithValue('dtend', utc(range.end))
  for (const type of ['BUSY', 'BUSY-TENTATIVE'] as const) {
    for (const [s, e] of merge(periods[type])) {
      const prop = new ICAL.Property('freebusy')
      prop.setParameter('fbtype', type)
      prop.setValue(new ICAL.Period({ start: utc(s), end: utc(e) }))
      fb.addProperty(prop)
    }
  }
  cal.addSubcomponent(fb)
  return cal.toString() + '\r\n'
}
