import ICAL from 'ical.js'

/** Bounds on what an organiser may ask to repeat (RRULE bombs are refused, not expanded). */
export const RRULE_LIMITS = {
  maxCount: 500,
  /** An UNTIL further than this after the start is refused. */
  maxYears: 10,
  freqs: ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const,
  parts: new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST']),
}

/** How occurrences are materialised in the index: never past these, whatever the rule says. */
export const EXPANSION = {
  horizonDays: 2 * 365,
  maxInstances: 1000,
}

export type RruleCheck = { ok: true; value: string } | { ok: false; message: string }

/**
 * Checks an RRULE value (without the `RRULE:` prefix) an organiser sends: a known frequency no finer than
 * daily, COUNT ≤ 500, UNTIL within 10 years of `start`, only the parts the app understands. An endless rule
 * is allowed; the index expands it to a bounded horizon.
 */
export function checkRrule(value: string, start: number): RruleCheck {
  const text = value.trim().replace(/^RRULE:/i, '').toUpperCase()
  if (text.length > 300) return { ok: false, message: 'The rule is too long.' }
  const parts = new Map<string, string>()
  for (const part of text.split(';')) {
    const [k, v] = part.split('=')
    if (!k || v === undefined || v === '') return { ok: false, message: `Not a recurrence rule part: "${part}".` }
    if (!RRULE_LIMITS.parts.has(k)) return { ok: false, message: `${k} is not supported; use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH or BYSETPOS.` }
    if (parts.has(k)) return { ok: false, message: `${k} appears twice.` }
    parts.set(k, v)
  }
  const freq = parts.get('FREQ')
  if (!freq || !(RRULE_LIMITS.freqs as readonly string[]).includes(freq)) {
    return { ok: false, message: 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY (events do not repeat more often than daily).' }
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) return { ok: false, message: 'Use COUNT or UNTIL, not both.' }
  const count = parts.get('COUNT')
  if (count !== undefined && (!/^\d{1,6}$/.test(count) || Number(count) < 1 || Number(count) > RRULE_LIMITS.maxCount)) {
    return { ok: false, message: `COUNT must be between 1 and ${RRULE_LIMITS.maxCount}.` }
  }
  const interval = parts.get('INTERVAL')
  if (interval !== undefined && (!/^\d{1,4}$/.test(interval) || Number(interval) < 1 || Number(interval) > 1000)) {
    return { ok: false, message: 'INTERVAL must be between 1 and 1000.' }
  }
  let recur: ICAL.Recur
  try {
    recur = ICAL.Recur.fromString(text)
  } catch (err) {
    return { ok: false, message: `Not a valid recurrence rule: ${(err as Error).message}` }
  }
  if (recur.until) {
    const until = recur.until.toJSDate().getTime()
    if (until < start) return { ok: false, message: 'UNTIL is before the event starts.' }
    if (until > start + RRULE_LIMITS.maxYears * 366 * 86_400_000) return { ok: false, message: `UNTIL must be within ${RRULE_LIMITS.maxYears} years of the start.` }
  }
  return { ok: true, value: text }
}
