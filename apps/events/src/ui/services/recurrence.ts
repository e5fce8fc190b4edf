/** The simple recurrences the form offers; anything else is edited as a raw RRULE. */
export interface SimpleRepeat {
  freq: 'none' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY' | 'custom'
  count: number | null
  /** YYYY-MM-DD, last day included. */
  until: string | null
  raw: string
}

/** Reads an RRULE into the form's shape. */
export function repeatOf(rrule: string | null): SimpleRepeat {
  if (!rrule) return { freq: 'none', count: null, until: null, raw: '' }
  const m = /^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(?:;COUNT=(\d+)|;UNTIL=(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?)?$/.exec(rrule)
  if (!m) return { freq: 'custom', count: null, until: null, raw: rrule }
  return { freq: m[1] as SimpleRepeat['freq'], count: m[2] ? Number(m[2]) : null, until: m[3] ? `${m[3]}-${m[4]}-${m[5]}` : null, raw: rrule }
}

/** The RRULE the form describes, or null. */
export function rruleOf(r: SimpleRepeat): string | null {
  if (r.freq === 'none') return null
  if (r.freq === 'custom') return r.raw.trim().replace(/^RRULE:/i, '') || null
  if (r.count) return `FREQ=${r.freq};COUNT=${r.count}`
  // UNTIL at the end of the chosen day (UTC) keeps an occurrence on that day whatever its time.
  if (r.until) return `FREQ=${r.freq};UNTIL=${r.until.replace(/-/g, '')}T235959Z`
  return `FREQ=${r.freq}`
}
