import ICAL from 'ical.js'
import { tzlib_get_ical_block } from 'timezones-ical-library'

function zonesUsed(cal: ICAL.Component): Set<string> {
  const used = new Set<string>()
  for (const c of cal.getAllSubcomponents()) {
    if (c.name === 'vtimezone') continue
    for (const p of c.getAllProperties()) {
      const tzid = p.getParameter('tzid')
      if (typeof tzid === 'string') used.add(tzid)
    }
  }
  return used
}

/**
 * The calendar as text, with a VTIMEZONE for each TZID it uses and lacks (RFC 5545 §3.6.5 requires them;
 * Thunderbird and Apple Calendar rely on them). Zones the bundled database does not know are left to clients.
 */
export function serializeCalendar(cal: ICAL.Component): string {
  const present = new Set(cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))))
  for (const tzid of zonesUsed(cal)) {
    if (present.has(tzid)) continue
    const block = tzlib_get_ical_block(tzid)
    if (!Array.isArray(block) || !block[0]) continue
    const zone = new ICAL.Component(ICAL.parse(block[0]) as unknown[])
    // The database names some zones by their canonical id (UTC → Etc/UTC): the event's own name must match.
    zone.updatePropertyWithValue('tzid', tzid)
    cal.addSubcomponent(zone)
  }
  return cal.toString()
}
