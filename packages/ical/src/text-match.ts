import type { TextMatch } from './filter-types.ts'

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())

function fold(s: string, collation: string): string {
  if (collation === 'i;octet') return s
  if (collation === 'i;unicode-casemap') return s.normalize('NFKD').toLowerCase()
  return asciiLower(s)
}

/** RFC 4791 §9.7.5: does any of the values contain the text (under the collation), negated on request? */
export function textMatches(values: readonly string[], tm: TextMatch): boolean {
  const collation = tm.collation ?? 'i;ascii-casemap'
  const needle = fold(tm.value, collation)
  const hit = values.some((v) => fold(v, collation).includes(needle))
  return tm.negate ? !hit : hit
}
