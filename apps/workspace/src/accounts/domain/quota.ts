import { ValidationError } from '@maison/errors'

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 }

/**
 * Parses a quota as Nextcloud accepts it: "5 GB", "500MB", "1.5 G", a byte count, or "none"/"default"
 * (both mean: no per-account quota, only the space's). Returns bytes or null.
 * @throws ValidationError
 */
export function parseQuota(value: string | number, path = 'quota'): number | null {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value
  } else {
    const text = value.trim().toLowerCase()
    if (text === 'none' || text === 'default' || text === 'unlimited') return null
    const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?b?)$/.exec(text)
    const bytes = m ? Math.round(Number(m[1]) * UNITS[m[2]!]!) : NaN
    if (Number.isSafeInteger(bytes)) return bytes
  }
  throw new ValidationError(`"${value}" is not a valid quota; use a size such as "5 GB" or "500 MB", a byte count, or "none".`, {
    errors: [{ path, message: 'Expected a size such as "5 GB", a byte count, or "none".' }],
  })
}
