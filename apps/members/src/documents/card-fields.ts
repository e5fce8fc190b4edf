import type { MembersEnv } from '../domain/repositories.ts'
import type { CardInput } from './pdf.ts'

const cut = (s: string, max: number): string => {
  const chars = [...s.trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`
}

const shortDate = (iso: string, lang: 'fr' | 'en'): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)))
}

/**
 * What the card's "Season" line says (20 characters at most, the template's limit): the season's years
 * ("2025–2026") for a seasonal activity, else the end of validity, "no end date", or "—" without a subscription.
 */
export function seasonText(env: MembersEnv, memberId: number, lang: 'fr' | 'en'): string {
  const sub = env.store.subscriptions.latest(memberId)
  if (!sub) return '—'
  const activity = env.store.activities.get(sub.activityId)
  if (activity?.validity.kind === 'season' && sub.expiresOn) {
    const [from, to] = [sub.startsOn.slice(0, 4), sub.expiresOn.slice(0, 4)]
    return from === to ? from : `${from}–${to}`
  }
  if (!sub.expiresOn) return lang === 'fr' ? 'sans limite' : 'no end date'
  return `${lang === 'fr' ? 'jusqu’au' : 'until'} ${shortDate(sub.expiresOn, lang)}`
}

/** The fields of the visuals `member-card` template for one card (lengths cut to the template's limits). */
export function memberCardFields(input: CardInput & { season: string }): Record<string, string> {
  const m = input.member
  return {
    name: cut(`${m.firstName} ${m.lastName}`, 60),
    number: cut(m.number, 20),
    season: cut(input.season, 20),
    category: cut(input.category ?? '', 30),
    // The QR code must carry exactly the verify URL the built-in card carries: the public check page reads it.
    check: input.verifyUrl,
  }
}
