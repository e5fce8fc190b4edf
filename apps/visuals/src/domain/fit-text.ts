import type { FontFace } from './fonts.ts'
import type { TextMeasurer } from './measure.ts'

/** A rectangle in template user units. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface FitRequest {
  text: string
  box: Box
  face: FontFace
  maxLines: number
  /** The size the designer chose; fitting only ever shrinks from it. */
  maxSize: number
  minSize: number
  /** Baseline-to-baseline distance, in ems. */
  lineHeight: number
  /** Extra space after each character, in ems. */
  letterSpacing: number
}

export interface FitResult {
  size: number
  lines: string[]
  /** Some text did not fit even at the minimum size and was cut with an ellipsis. */
  truncated: boolean
  /** Height of the block from the first line's ascent to the last line's descent. */
  blockHeight: number
  /** Width of the widest line. */
  width: number
}

const ELLIPSIS = '…'
// 3% steps keep the result within a few percent of the largest size that fits, in at most ~35 tries.
const STEP = 0.97

/** Wraps and shrinks text until it fits its box and line limit; never returns lines that overflow. */
export function fitText(req: FitRequest, measurer: TextMeasurer): FitResult {
  // Only plain spaces break lines: no-break spaces keep French « ! » and « : » with their word.
  const paragraphs = req.text.split('\n').map((p) => p.split(/[ \t]+/).filter(Boolean))
  const m = measurer.metrics(req.face)
  const unit = cachedWidth(req, measurer)
  const blockHeight = (n: number, size: number) => (n === 0 ? 0 : ((n - 1) * req.lineHeight + m.ascent + m.descent) * size)
  const linesAllowed = (size: number) => {
    const byHeight = Math.floor((req.box.height / size - m.ascent - m.descent) / req.lineHeight) + 1
    return Math.max(0, Math.min(req.maxLines, byHeight))
  }

  for (let size = req.maxSize; ; size = Math.max(req.minSize, size * STEP)) {
    const maxWidth = req.box.width
    const lines = wrap(paragraphs, (s) => unit(s) * size, maxWidth, size === req.minSize)
    if (lines && lines.length <= linesAllowed(size)) {
      return finish(lines, size, false)
    }
    if (size === req.minSize) break
  }
  const size = req.minSize
  const allowed = linesAllowed(size)
  const all = wrap(paragraphs, (s) => unit(s) * size, req.box.width, true) ?? []
  const kept = all.slice(0, allowed)
  if (kept.length > 0 && all.length > kept.length) {
    kept[kept.length - 1] = withEllipsis(kept[kept.length - 1]!, (s) => unit(s) * size, req.box.width)
  }
  return finish(kept, size, all.length > kept.length)

  function finish(lines: string[], size: number, truncated: boolean): FitResult {
    const width = Math.max(0, ...lines.map((l) => unit(l) * size))
    return { size: round(size), lines, truncated, blockHeight: blockHeight(lines.length, size), width }
  }
}

/** Width of a string at size 1, memoised: fitting re-measures the same words at every size. */
function cachedWidth(req: FitRequest, measurer: TextMeasurer): (s: string) => number {
  const memo = new Map<string, number>()
  return (s) => {
    let w = memo.get(s)
    if (w === undefined) {
      // Spacing is counted after the last character too, as renderers add it there.
      w = measurer.width(s, req.face, 1) + req.letterSpacing * [...s].length
      memo.set(s, w)
    }
    return w
  }
}

/**
 * Greedy line filling. A word wider than the line is refused (null) unless `breakWords`,
 * in which case it is split between characters — the last resort at the minimum size.
 */
function wrap(paragraphs: string[][], width: (s: string) => number, maxWidth: number, breakWords: boolean): string[] | null {
  const lines: string[] = []
  for (const words of paragraphs) {
    let line = ''
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word
      if (width(candidate) <= maxWidth) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      if (width(word) <= maxWidth) {
        line = word
        continue
      }
      if (!breakWords) return null
      const pieces = splitWord(word, width, maxWidth)
      lines.push(...pieces.slice(0, -1))
      line = pieces[pieces.length - 1]!
    }
    if (line) lines.push(line)
  }
  return lines
}

function splitWord(word: string, width: (s: string) => number, maxWidth: number): string[] {
  const pieces: string[] = []
  let piece = ''
  for (const ch of word) {
    if (piece && width(piece + ch) > maxWidth) {
      pieces.push(piece)
      piece = ''
    }
    piece += ch
  }
  pieces.push(piece)
  return pieces
}

function withEllipsis(line: string, width: (s: string) => number, maxWidth: number): string {
  const chars = [...line]
  while (chars.length > 0 && width(chars.join('').trimEnd() + ELLIPSIS) > maxWidth) chars.pop()
  return chars.join('').trimEnd() + ELLIPSIS
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
