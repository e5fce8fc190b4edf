import type { Language } from '../registrations/model.ts'

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' }

const validZones = new Set<string>()

/** A valid IANA zone, or the fallback (a bad zone would make Intl throw on every page). */
export function safeZone(zone: string | null | undefined, fallback: string): string {
  if (zone && validZones.has(zone)) return zone
  try {
    if (zone) {
      formatter('en', { timeZone: zone })
      validZones.add(zone)
      return zone
    }
  } catch {
    // fall through to the space's zone
  }
  return fallback
}

const formatters = new Map<string, Intl.DateTimeFormat>()

// Building an Intl.DateTimeFormat costs far more than using one; a list page formats hundreds of dates.
function formatter(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts)
    formatters.set(key, f)
  }
  return f
}

/** "samedi 5 décembre 2026 à 14:00" in the event's zone (date only for all-day events). */
export function formatWhen(iso: string, zone: string, lang: Language, allDay = false): string {
  const opts: Intl.DateTimeFormatOptions = allDay ? { dateStyle: 'full', timeZone: zone } : { dateStyle: 'full', timeStyle: 'short', timeZone: zone }
  return formatter(LOCALE[lang], opts).format(new Date(iso))
}

/** Start–end of an occurrence, with the zone named when it is not obvious. */
export function formatRange(start: string, end: string, zone: string, lang: Language, allDay = false): string {
  const s = formatWhen(start, zone, lang, allDay)
  if (allDay) return s
  const sameDay = formatter('en-CA', { timeZone: zone, dateStyle: 'short' })
  const endText = sameDay.format(new Date(start)) === sameDay.format(new Date(end))
    ? formatter(LOCALE[lang], { timeStyle: 'short', timeZone: zone }).format(new Date(end))
    : formatWhen(end, zone, lang)
  return `${s} – ${endText} (${zone})`
}
