import ICAL from 'ical.js'
import type { SpaceContext } from '@maison/app-contract'
import { ValidationError } from '@maison/errors'
import { calendarDepsFor, type CalendarDeps } from '../../../workspace/src/calendars/index.ts'
import { patchCalendar } from '../../../workspace/src/calendars/calendars.ts'
import { putObject } from '../../../workspace/src/calendars/objects.ts'
import type { Calendar, CalendarPatch, CalendarView, ComponentName } from '../../../workspace/src/calendars/model.ts'
import type { ArchiveSink } from './tar-writer.ts'

/** Archive folder of calendars: `calendars/{owner}/{uri}.ics`, one VCALENDAR per calendar. */
export const CALENDARS_DIR = 'calendars'
const PRODID = '-//Maison//Space export//EN'

// ical.js moves a component when it is added to another parent: add copies, never the originals.
const copyOf = (c: ICAL.Component): ICAL.Component => new ICAL.Component(JSON.parse(JSON.stringify(c.toJSON())))

/** One VCALENDAR holding every object of a calendar (time zones once) and the calendar's own properties. */
export function calendarToIcs(cal: Calendar, objects: readonly string[]): string {
  const root = new ICAL.Component('vcalendar')
  root.addPropertyWithValue('version', '2.0')
  root.addPropertyWithValue('prodid', PRODID)
  root.addPropertyWithValue('x-wr-calname', cal.displayName)
  if (cal.description) root.addPropertyWithValue('x-wr-caldesc', cal.description)
  if (cal.color) root.addPropertyWithValue('x-apple-calendar-color', cal.color)
  if (cal.order !== null) root.addPropertyWithValue('x-maison-order', String(cal.order))
  root.addPropertyWithValue('x-wr-timezone', cal.tzid)
  root.addPropertyWithValue('x-maison-components', cal.components.join(','))
  const zones = new Set<string>()
  for (const text of objects) {
    const obj = ICAL.Component.fromString(text)
    for (const sub of obj.getAllSubcomponents()) {
      if (sub.name === 'vtimezone') {
        const tzid = String(sub.getFirstPropertyValue('tzid') ?? '')
        if (zones.has(tzid)) continue
        zones.add(tzid)
      }
      root.addSubcomponent(copyOf(sub))
    }
  }
  return root.toString() + '\r\n'
}

/** Writes every live calendar of these owners. */
export async function exportCalendars(space: SpaceContext, owners: readonly string[], sink: ArchiveSink, clock: () => Date): Promise<number> {
  const deps = calendarDepsFor(space, clock)
  let n = 0
  for (const owner of owners) {
    for (const cal of deps.repo.calendarsOf(owner)) {
      const ics = calendarToIcs(cal, deps.repo.allObjects(cal.id).map((o) => o.data))
      await sink.addBuffer(`${CALENDARS_DIR}/${owner}/${cal.uri}.ics`, Buffer.from(ics), cal.updatedAt)
      n++
    }
  }
  return n
}

const invalid = (path: string, message: string) => new ValidationError(`${path}: ${message}`, { errors: [{ path: `entries/${path}`, message }] })

function parseIcs(path: string, text: string): ICAL.Component {
  try {
    const root = ICAL.Component.fromString(text)
    if (root.name !== 'vcalendar') throw new Error('not a VCALENDAR')
    return root
  } catch (e) {
    throw invalid(path, `not a valid iCalendar file (${(e as Error).message})`)
  }
}

function propsOf(root: ICAL.Component): CalendarPatch {
  const text = (name: string) => {
    const v = root.getFirstPropertyValue(name)
    return v === null || v === undefined ? null : String(v)
  }
  const order = text('x-maison-order')
  const components = text('x-maison-components')?.split(',').filter((c): c is ComponentName => c === 'VEVENT' || c === 'VTODO')
  return {
    displayName: text('x-wr-calname') ?? undefined,
    description: text('x-wr-caldesc'),
    color: text('x-apple-calendar-color'),
    order: order === null ? null : Number(order),
    ...(components?.length ? { components } : {}),
    ...(text('x-wr-timezone') ? { tzid: text('x-wr-timezone')! } : {}),
  }
}

/** Splits a calendar's VCALENDAR back into one object per UID (a recurring event keeps its overrides). */
function objectsOf(path: string, root: ICAL.Component): { uid: string; text: string }[] {
  const zones = root.getAllSubcomponents('vtimezone')
  const byUid = new Map<string, ICAL.Component[]>()
  for (const sub of root.getAllSubcomponents()) {
    if (sub.name === 'vtimezone') continue
    const uid = sub.getFirstPropertyValue('uid')
    if (!uid) throw invalid(path, `a ${sub.name.toUpperCase()} has no UID`)
    const list = byUid.get(String(uid)) ?? []
    list.push(sub)
    byUid.set(String(uid), list)
  }
  return [...byUid].map(([uid, comps]) => {
    const cal = new ICAL.Component('vcalendar')
    cal.addPropertyWithValue('version', '2.0')
    cal.addPropertyWithValue('prodid', PRODID)
    const body = comps.map((c) => c.toString()).join('\n')
    for (const z of zones) if (body.includes(`TZID=${String(z.getFirstPropertyValue('tzid'))}`)) cal.addSubcomponent(copyOf(z))
    for (const c of comps) cal.addSubcomponent(copyOf(c))
    return { uid, text: cal.toString() + '\r\n' }
  })
}

/** A resource name for an object: its UID when that is a safe URL segment, else a hash of it. */
function resourceName(uid: string): string {
  return /^[A-Za-z0-9@._-]{1,200}$/.test(uid) ? `${uid}.ics` : `${Buffer.from(uid).toString('base64url').slice(0, 180)}.ics`
}

/**
 * Recreates a calendar from `calendars/{owner}/{uri}.ics`: same properties, same UIDs.
 * @throws ValidationError for a file that is not iCalendar or an object the calendar refuses
 */
export function importCalendar(deps: CalendarDeps, path: string, text: string): void {
  const [, owner, file] = path.split('/')
  if (!owner || !file?.endsWith('.ics') || path.split('/').length !== 3) throw invalid(path, 'expected calendars/{owner}/{calendar}.ics')
  const uri = file.slice(0, -4)
  const root = parseIcs(path, text)
  const patch = propsOf(root)
  const now = deps.clock().getTime()
  const cal = deps.repo.calendarByUri(owner, uri) ?? deps.repo.insertCalendar({ owner, uri, displayName: patch.displayName ?? uri, now })
  const view: CalendarView = { calendar: cal, segment: uri, access: 'read-write', manage: true }
  const updated = patchCalendar(deps, view, patch)
  const target: CalendarView = { ...view, calendar: updated }
  for (const o of objectsOf(path, root)) {
    try {
      putObject(deps, target, resourceName(o.uid), o.text)
    } catch (e) {
      throw invalid(path, `the object with UID ${o.uid} was refused: ${(e as Error).message}`)
    }
  }
}

export { calendarDepsFor }
