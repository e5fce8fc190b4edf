import { loadFont } from './measure.ts'
import type { FontFace } from './fonts.ts'

/** One line of text to draw as outlines, in the layout's user units. */
export interface OutlineLine {
  text: string
  /** The anchor point's x (start, middle or end of the line, per `anchor`). */
  x: number
  /** The baseline. */
  y: number
}

/** A text drawn as glyph outlines: the path's data (in font units, y down) and its ink box in user units. */
export interface OutlinedText {
  d: string
  /** Font units to user units, applied as the path's transform `matrix(s 0 0 s 0 0)`. */
  scale: number
  ink: { x0: number; y0: number; x1: number; y1: number } | null
}

interface Shaped {
  ids: Uint16Array
  /** Pen offsets of each glyph from the line's start, in font units (advances, kerning and mark offsets). */
  dx: Float64Array
  dy: Float64Array
  /** Whether each glyph starts a new cluster that letter spacing follows (not a combining mark). */
  spaced: Uint8Array
  advance: number
  /** Some character has no glyph in the face: a renderer would fall back to another font, so we do not outline it. */
  missing: boolean
}

interface GlyphOutline {
  /** Absolute start of the first contour, then relative commands, y down: the glyph is placed by its first move alone. */
  x: number
  y: number
  tail: string
  box: { minX: number; minY: number; maxX: number; maxY: number } | null
}

interface FontkitGlyph {
  id: number
  codePoints: number[]
  path: { commands: { command: string; args: number[] }[] }
  cbox: { minX: number; minY: number; maxX: number; maxY: number }
}
interface FontkitFont {
  unitsPerEm: number
  layout(text: string): { glyphs: FontkitGlyph[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] }
  getGlyph(id: number): FontkitGlyph
}

// Lines come back on every keystroke of a live edit; glyph outlines never change. Both are kept per process.
const SHAPED_MAX = 20_000
const shapedLines = new Map<string, Shaped>()
// Whole outlined texts, by face, size, placement and lines: a live edit changes one text and redraws the others as
// they were. At most 8 M characters of keys and path data (ASCII, a byte each): a few hundred posters' texts.
const TEXT_CHARS_MAX = 8_000_000
const texts = new Map<string, OutlinedText | null>()
let textChars = 0
const outlines = new Map<string, GlyphOutline>()

/**
 * Outlines lines of one face and size as a single path, with the shaping our text fitting measured (kerning and
 * ligatures by fontkit) and the placement resvg gives `<text>`: letter spacing after every cluster but the last,
 * the anchor on the spaced width. Answers null when a character has no glyph in the face, so the caller keeps
 * real text and the renderer's font fallback.
 */
export function outlineText(face: FontFace, size: number, lines: readonly OutlineLine[], anchor: 'start' | 'middle' | 'end', letterSpacing: number): OutlinedText | null {
  const key = `${face.file}\u0000${size} ${anchor} ${letterSpacing}\u0000${lines.map((l) => `${l.x} ${l.y} ${l.text}`).join('\u0000')}`
  const cached = texts.get(key)
  if (cached !== undefined) {
    texts.delete(key)
    texts.set(key, cached)
    return cached
  }
  const out = outline(face, size, lines, anchor, letterSpacing)
  texts.set(key, out)
  textChars += key.length + (out?.d.length ?? 0)
  for (const [k, v] of texts) {
    if (textChars <= TEXT_CHARS_MAX || k === key) break
    texts.delete(k)
    textChars -= k.length + (v?.d.length ?? 0)
  }
  return out
}

function outline(face: FontFace, size: number, lines: readonly OutlineLine[], anchor: 'start' | 'middle' | 'end', letterSpacing: number): OutlinedText | null {
  const font = loadFont(face) as FontkitFont
  const scale = size / font.unitsPerEm
  const spacing = letterSpacing / scale
  let d = ''
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
  for (const line of lines) {
    if (!line.text) continue
    const run = shape(font, face, line.text)
    if (run.missing) return null
    let clusters = 0
    for (let i = 0; i < run.ids.length; i++) clusters += run.spaced[i]!
    const width = run.advance + spacing * Math.max(0, clusters - 1)
    const startX = line.x / scale - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0)
    const baseY = line.y / scale
    let extra = 0
    for (let i = 0; i < run.ids.length; i++) {
      const g = glyphOutline(font, face, run.ids[i]!)
      const gx = startX + run.dx[i]! + extra
      const gy = baseY - run.dy[i]!
      if (run.spaced[i]) extra += spacing
      if (!g.box) continue
      d += `M${num(gx + g.x)} ${num(gy + g.y)}${g.tail}`
      x0 = Math.min(x0, gx + g.box.minX)
      x1 = Math.max(x1, gx + g.box.maxX)
      y0 = Math.min(y0, gy + g.box.minY)
      y1 = Math.max(y1, gy + g.box.maxY)
    }
  }
  const ink = d ? { x0: x0 * scale, x1: x1 * scale, y0: y0 * scale, y1: y1 * scale } : null
  return { d, scale, ink }
}

function shape(font: FontkitFont, face: FontFace, text: string): Shaped {
  const key = `${face.file}\u0000${text}`
  let run = shapedLines.get(key)
  if (run) return run
  const laid = font.layout(text)
  const n = laid.glyphs.length
  run = { ids: new Uint16Array(n), dx: new Float64Array(n), dy: new Float64Array(n), spaced: new Uint8Array(n), advance: 0, missing: false }
  let pen = 0
  for (let i = 0; i < n; i++) {
    const g = laid.glyphs[i]!
    const p = laid.positions[i]!
    run.ids[i] = g.id
    run.dx[i] = pen + p.xOffset
    run.dy[i] = p.yOffset
    run.spaced[i] = p.xAdvance !== 0 || i === 0 ? 1 : 0
    if (g.id === 0) run.missing = true
    pen += p.xAdvance
  }
  run.advance = pen
  if (shapedLines.size >= SHAPED_MAX) shapedLines.delete(shapedLines.keys().next().value!)
  shapedLines.set(key, run)
  return run
}

function glyphOutline(font: FontkitFont, face: FontFace, id: number): GlyphOutline {
  const key = `${face.file}\u0000${id}`
  let out = outlines.get(key)
  if (out) return out
  const glyph = font.getGlyph(id)
  const commands = glyph.path.commands
  const first = commands[0]
  out = first?.command === 'moveTo'
    ? { x: first.args[0]!, y: -first.args[1]!, tail: relativeTail(commands), box: { minX: glyph.cbox.minX, maxX: glyph.cbox.maxX, minY: -glyph.cbox.maxY, maxY: -glyph.cbox.minY } }
    : { x: 0, y: 0, tail: '', box: null }
  outlines.set(key, out)
  return out
}

/** Relative path data after the first move, y down, tracking the current point as SVG defines it (back to the subpath start at `z`). */
function relativeTail(commands: { command: string; args: number[] }[]): string {
  let out = ''
  let cx = commands[0]!.args[0]!, cy = commands[0]!.args[1]!
  let sx = cx, sy = cy
  for (let k = 1; k < commands.length; k++) {
    const { command, args } = commands[k]!
    if (command === 'closePath') {
      out += 'z'
      cx = sx
      cy = sy
      continue
    }
    const letter = command === 'moveTo' ? 'm' : command === 'lineTo' ? 'l' : command === 'quadraticCurveTo' ? 'q' : 'c'
    let s = letter
    for (let i = 0; i < args.length; i += 2) s += `${i ? ' ' : ''}${num(args[i]! - cx)} ${num(cy - args[i + 1]!)}`
    out += s
    cx = args[args.length - 2]!
    cy = args[args.length - 1]!
    if (command === 'moveTo') {
      sx = cx
      sy = cy
    }
  }
  return out
}

// Font units: a thousandth of one is far below anything a pixel can show.
function num(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}
