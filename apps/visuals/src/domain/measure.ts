import path from 'node:path'
import * as fontkit from 'fontkit'
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

function load(face: FontFace): LoadedFont {
  let font = cache.get(face.file)
  if (!font) {
    font = fontkit.openSync(path.join(FONTS_DIR, face.file)) as unknown as LoadedFont
    cache.set(face.file, font)
  }
  return font
}

/** The measurer backed by fontkit and the bundled font files (loaded once per process). */
export const fontkitMeasurer: TextMeasurer = {
  width(text, face, size, letterSpacing = 0) {
    if (!text) return 0
    const font = load(face)
    const advance = font.layout(text).advanceWidth
    return (advance / font.unitsPerEm) * size + letterSpacing * Math.max(0, [...text].length - 1)
  },
  metrics(face) {
    const font = load(face)
    return { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm, capHeight: font.capHeight / font.unitsPerEm }
  },
}
