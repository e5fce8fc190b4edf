const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/**
 * The characters every face embeds whole, once per process: Basic Latin, Latin-1, Latin Extended-A and the
 * punctuation and symbols of French and English typography (dashes, quotes, ellipsis, bullet, per mille,
 * guillemets, euro, trade mark, minus, thin and narrow no-break spaces). With the glyphs of WIDE_SAMPLE,
 * 345–385 glyphs, 13–20 kB compressed per face. A document that shows a glyph outside this set embeds
 * this set plus its extras.
 */
export const WIDE_CODE_POINTS: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0x17f),
  0x2c6, 0x2dc,
  ...range(0x2009, 0x2027),
  0x202f, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122, 0x2212,
]

const chars = WIDE_CODE_POINTS.map((c) => String.fromCodePoint(c)).filter((c) => c.trim() !== '')
const marks = chars.filter((c) => !/\p{L}/u.test(c))

/**
 * Text whose shaping yields the glyphs the default OpenType features make of the wide set in common contexts:
 * ligatures (fi, fl, ffi, Th), case and figure alternates of punctuation between capitals or digits (Inter's
 * `-` in `CAFÉ-CONCERT`, `:` in `14:30`, `x` in `3x4`), arrows (`->`), decomposed letters (ŀ, ŉ). Shaping it
 * once per face (2–35 ms) adds these 5–31 glyphs to the fixed subset, so everyday French text never needs
 * the slower per-document extension. Found by comparison with a sample ten times larger (every character
 * of the set between capitals, digits and lower-case letters): nothing it finds is missing here.
 */
export const WIDE_SAMPLE: string = [
  `H${marks.join('H')}H`,
  `0${marks.join('0')}0`,
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((a) => `f${a} ff${a} T${a}`),
  'st ct Qu -> <- <-> => <= --> <-- ==>',
  chars.filter((c) => c.codePointAt(0)! > 0x7f && /\p{L}/u.test(c)).join(' '),
].join(' ')
