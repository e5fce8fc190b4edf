import ICAL from 'ical.js'
import { Validation } from './caldavValidation.ts'
import { newCalendar } from './caldavIcs.ts'

/**
 * Splits an imported .ics file into one object per UID (a series with its overrides stays together),
 * each carrying the file's VTIMEZONEs, as CalDAV stores them.
 * @throws Validation when the file is not iCalendar
 */
export function splitImport(ics: string, makeUid: () => string): Array<{ uid: string; ics: string }> {
  let root: ICAL.Component
  try {
    root = ICAL.Component.fromString(ics)
  } catch {
    throw new Validation('not-ics')
  }
  if (root.name !== 'vcalendar') throw new Validation('not-ics')
  const zones = root.getAllSubcomponents('vtimezone')
  const groups = new Map<string, ICAL.Component[]>()
  for (const c of root.getAllSubcomponents('vevent')) {
    let uid = c.getFirstPropertyValue('uid') as string | null
    if (!uid) {
      uid = makeUid()
      c.updatePropertyWithValue('uid', uid)
    }
    groups.set(uid, [...(groups.get(uid) ?? []), c])
  }
  return [...groups].map(([uid, comps]) => {
    const cal = newCalendar()
    for (const z of zones) cal.addSubcomponent(new ICAL.Component(z.toJSON()))
    for (const c of comps) cal.addSubcomponent(c)
    return { uid, ics: cal.toString() }
  })
}

/** Joins stored objects into one .ics file, each VTIMEZONE once. */
export function joinExport(objects: string[]): string {
  const out = newCalendar()
  const zones = new Set<string>()
  for (const ics of objects) {
    // A copy of the list: adding a component to `out` takes it out of its old parent.
    for (const c of [...ICAL.Component.fromString(ics).getAllSubcomponents()]) {
      if (c.name === 'vtimezone') {
        const tzid = String(c.getFirstPropertyValue('tzid'))
        if (zones.has(tzid)) continue
        zones.add(tzid)
      }
      out.addSubcomponent(c)
    }
  }
  return out.toString()
}
