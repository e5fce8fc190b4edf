import path from 'node:path'
import { createRequire } from 'node:module'
import { FONTS_DIR, type FontFace } from './fonts.ts'

/** Vertical metrics of a face, in ems. */
export interface FaceMetrics {
  ascent: number
  descent: number
  capHeight: number
}

/** Measures text with a face's real metrics (advances, kerning), in user units at the given size. */
export interface TextMeasurer {
  width(text: string, face: FontFace, size: number, letterSpacing?: number): number
  metrics(face: FontFace): FaceMetrics
}

interface LoadedFont {
  unitsPerEm: number
  ascent: number
  descent: number
  capHeight: number
  layout(text: string): { advanceWidth: number }
}

const cache = new Map<string, LoadedFont>()
// fontkit takes ~0.3 s to load; only processes that lay text out (render processes) should pay for it.
let fontkit: { openSync(path: string): unknown } | null = null

/** The parsed font of a face, shared by text fitting and PDF embedding (parsed once per process). */
export function loadFont(face: FontFace): unknown {
  return load(face)
}

function load(face: FontFace): LoadedFont {
  let font = cache.get(face.file)
  if (!font) {
    fontkit ??= createRequire(import.meta.url)('fontkit') as { openSync(path: string): unknown }
    font = fontkit.openSync(path.join(FONTS_DIR, face.file)) as unknown as LoadedFont
    cache.set(face.file, font)
  }
  return font
}

// Shaping (GSUB/GPOS) is most of a layout's time, and posters re-measure the same words on every
// render and preview keystroke: widths at size 1 are kept per process, up to this many strings.
const WIDTH_CACHE_MAX = 50_000
const widths = new Map<string, number>()

function emWidth(text: string, face: FontFace): number {
  const key = `${face.file}\u0000${text}`
  let w = widths.get(key)
  if (w === undefined) {
    const font = load(face)
    w = font.layout(text).advanceWidth / font.unitsPerEm
    if (widths.size >= WIDTH_CACHE_MAX) widths.delete(widths.keys().next().value!)
    widths.set(key, w)
  }
  return w
}

/** The measurer backed by fontkit and the bundled font files (loaded once per process). */
export const fontkitMeasurer: TextMeasurer = {
  width(text, face, size, letterSpacing = 0) {
    if (!text) return 0
    return emWidth(text, face) * size + letterSpacing * Math.max(0, [...text].length - 1)
  },
  metrics(face) {
    const font = load(face)
    return { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm, capHeight: font.capHeight / font.unitsPerEm }
  },
}
