import type { MaterialisedOccurrence } from '../../domain/calendar.ts'
import type { StoredEvent } from '../../domain/repository.ts'
import { formatWhen, safeZone } from '../../public/dates.ts'
import type { Language } from '../../registrations/model.ts'

/** What a poster shows of an event, in one language. */
export interface PosterInput {
  event: StoredEvent
  /** The occurrence to announce (the next one of a recurring event), or null for the event's first. */
  occurrence: MaterialisedOccurrence | null
  publicUrl: string
  lang: Language
  /** The space's zone, for an event whose own zone is unusable. */
  defaultZone: string
  /** The event's picture as a PNG or JPEG data URL, or null. */
  photo: string | null
}

const cut = (s: string, max: number): string => {
  const chars = [...s.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`
}

/** "samedi 5 décembre 2026 à 19:00 – 21:30" in the event's zone; dates only for all-day events. */
export function posterWhen(start: number, end: number, zone: string, lang: Language, allDay: boolean): string {
  const from = formatWhen(new Date(start).toISOString(), zone, lang, allDay)
  if (allDay) {
    // An all-day end is exclusive: the last day is the one before it.
    const last = end - 86_400_000
    return last > start ? `${from} – ${formatWhen(new Date(last).toISOString(), zone, lang, true)}` : from
  }
  const day = (t: number) => new Date(t).toLocaleDateString('en-CA', { timeZone: zone })
  if (day(start) !== day(end)) return from
  const time = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeStyle: 'short', timeZone: zone }).format(new Date(end))
  return `${from} – ${time}`
}

/**
 * The fields of the visuals `event-poster` template (lengths cut to its limits). The kind (a choice
 * among the template's own words) is the event's category when it has one; visuals refuses other words.
 */
export function posterFields(p: PosterInput): Record<string, unknown> {
  const e = p.event
  const zone = safeZone(e.timezone, p.defaultZone)
  const start = p.occurrence?.start ?? e.start
  const end = p.occurrence?.end ?? e.end
  const where = e.address ?? (e.onlineUrl ? `${p.lang === 'fr' ? 'En ligne : ' : 'Online: '}${e.onlineUrl.replace(/^https?:\/\//, '')}` : '')
  const fields: Record<string, unknown> = {
    title: cut(e.title, 90),
    subtitle: cut(e.descriptionText.split(/\n\s*\n/, 1)[0] ?? '', 140),
    when: cut(posterWhen(start, end, zone, p.lang, e.allDay), 60),
    where: cut(where, 80),
    link: p.publicUrl,
  }
  if (e.category) fields.kind = e.category
  if (p.photo) fields.photo = p.photo
  return fields
}
