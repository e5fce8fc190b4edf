import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { ValidationError } from '@maison/errors'

/** One font file of a bundled family. */
export interface FontFace {
  weight: number
  italic: boolean
  file: string
  /** PostScript name, unique per face; the PDF path selects faces by it. */
  postscript: string
}

/** A bundled open font family (SIL OFL, full French accents). */
export interface FontFamily {
  id: FontFamilyId
  /** The family name as the font files declare it (what SVG `font-family` matches). */
  family: string
  category: 'sans' | 'serif' | 'display'
  faces: readonly FontFace[]
}

export const FONT_FAMILY_IDS = ['inter', 'montserrat', 'playfair', 'oswald'] as const
export type FontFamilyId = (typeof FONT_FAMILY_IDS)[number]

const face = (weight: number, file: string, postscript: string, italic = false): FontFace => ({ weight, italic, file, postscript })

/** The fonts that travel with the project; no font is ever fetched at run time. */
export const FONT_FAMILIES: Readonly<Record<FontFamilyId, FontFamily>> = Object.freeze({
  inter: {
    id: 'inter', family: 'Inter', category: 'sans',
    faces: [face(400, 'Inter_400Regular.ttf', 'Inter-Regular'), face(700, 'Inter_700Bold.ttf', 'Inter-Bold'), face(800, 'Inter_800ExtraBold.ttf', 'Inter-ExtraBold')],
  },
  montserrat: {
    id: 'montserrat', family: 'Montserrat', category: 'sans',
    faces: [face(500, 'Montserrat_500Medium.ttf', 'Montserrat-Medium'), face(700, 'Montserrat_700Bold.ttf', 'Montserrat-Bold'), face(800, 'Montserrat_800ExtraBold.ttf', 'Montserrat-ExtraBold')],
  },
  playfair: {
    id: 'playfair', family: 'Playfair Display', category: 'serif',
    faces: [
      face(400, 'PlayfairDisplay_400Regular.ttf', 'PlayfairDisplay-Regular'),
      face(400, 'PlayfairDisplay_400Regular_Italic.ttf', 'PlayfairDisplay-Italic', true),
      face(700, 'PlayfairDisplay_700Bold.ttf', 'PlayfairDisplay-Bold'),
    ],
  },
  oswald: {
    id: 'oswald', family: 'Oswald', category: 'display',
    faces: [face(500, 'Oswald_500Medium.ttf', 'Oswald-Medium'), face(700, 'Oswald_700Bold.ttf', 'Oswald-Bold')],
  },
})

/** Where the bundled font files live (apps/visuals/fonts). */
export const FONTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fonts')

/** Absolute paths of every bundled font file, for the rasterizer. */
export function fontFiles(): string[] {
  return Object.values(FONT_FAMILIES).flatMap((f) => f.faces.map((x) => path.join(FONTS_DIR, x.file)))
}

/**
 * The family whose SVG name is `name` (case-insensitive), or whose id is `name`.
 * @throws ValidationError when the family is not bundled
 */
export function familyByName(name: string): FontFamily {
  const key = name.trim().replace(/^['"]|['"]$/g, '').toLowerCase()
  const found = Object.values(FONT_FAMILIES).find((f) => f.family.toLowerCase() === key || f.id === key)
  if (!found) throw new ValidationError(`The font "${name}" is not one of the bundled fonts (${Object.values(FONT_FAMILIES).map((f) => f.family).join(', ')}).`)
  return found
}

/** The face that a renderer would pick for this weight and style (CSS font matching, simplified). */
export function pickFace(family: FontFamily, weight: number, italic = false): FontFace {
  const styled = family.faces.filter((f) => f.italic === italic)
  const pool = styled.length ? styled : family.faces
  return [...pool].sort((a, b) => distance(a.weight, weight) - distance(b.weight, weight))[0]!
}

// CSS prefers heavier faces for weights above 500 and lighter ones below 400; a bias of 0.5 breaks ties that way.
function distance(candidate: number, wanted: number): number {
  const d = Math.abs(candidate - wanted)
  return wanted >= 500 ? d + (candidate < wanted ? 0.5 : 0) : d + (candidate > wanted ? 0.5 : 0)
}
