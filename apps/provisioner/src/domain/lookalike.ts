/**
 * Look-alike detection for space names. Names are ASCII-only after NFKC, so the threat is
 * twofold: a non-ASCII letter posing as a Latin one (refused with a precise message) and an
 * ASCII name that reads like an existing one (`paypa1` vs `paypal`, `rn` vs `m`). A small
 * skeleton map covers the second: the full Unicode confusables table maps to the same few
 * ASCII classes once non-ASCII input is refused outright.
 */

const ASCII_SKELETON: ReadonlyArray<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
  [/[1il|]/g, 'l'],
  [/0/g, 'o'],
  [/5/g, 's'],
  [/8/g, 'b'],
  [/-/g, ''],
]

/** The form two names share when a reader could take one for the other. */
export function skeleton(slug: string): string {
  let s = slug.normalize('NFKC').toLowerCase()
  for (const [re, to] of ASCII_SKELETON) s = s.replace(re, to)
  return s
}

const SCRIPTS: ReadonlyArray<[RegExp, string]> = [
  [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Armenian}/u, 'Armenian'],
  [/\p{Script=Cherokee}/u, 'Cherokee'],
]

/**
 * Why a name typed by a person holds characters that only look like a–z, 0–9 or "-", or null.
 * NFKC first: full-width "ａｂｃ" or ligatures become plain letters and are then judged as such.
 */
export function lookalikeProblem(raw: string): string | null {
  const nfkc = raw.normalize('NFKC')
  for (const ch of nfkc) {
    if (/[a-z0-9-]/i.test(ch)) continue
    const script = SCRIPTS.find(([re]) => re.test(ch))?.[1]
    if (script) {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      return `The space name contains "${ch}" (U+${code}, a ${script} letter) that looks like a Latin letter; type it with a–z only.`
    }
    if (/[\u200B-\u200D\u2060\uFEFF\u00AD]/.test(ch)) return 'The space name contains an invisible character; type it again.'
  }
  return null
}

/** NFKC-normalised, trimmed and lower-cased form of what a person typed as a space name. */
export function normaliseSlugInput(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase()
}
