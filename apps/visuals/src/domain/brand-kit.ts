import { z } from 'zod'
import { FONT_FAMILY_IDS, type FontFamilyId } from './fonts.ts'

export const PALETTE_ROLES = ['primary', 'secondary', 'accent', 'dark', 'light'] as const
export type PaletteRole = (typeof PALETTE_ROLES)[number]

export const FONT_ROLES = ['heading', 'body'] as const
export type FontRole = (typeof FONT_ROLES)[number]

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as #1d4ed8')

/** An association's visual identity: every template draws its colours, logo and fonts from it. */
export const brandKitSchema = z.object({
  palette: z.object(Object.fromEntries(PALETTE_ROLES.map((r) => [r, hex])) as Record<PaletteRole, typeof hex>),
  fonts: z.object({ heading: z.enum(FONT_FAMILY_IDS), body: z.enum(FONT_FAMILY_IDS) }),
  /** PNG or JPEG data URL. */
  logo: z.string().regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'expected a PNG or JPEG data URL').max(1_500_000).nullable(),
  /** Shown where a template prints the association's name. */
  name: z.string().trim().min(1).max(80),
  /** What the association calls each colour ("Forest green"), shown in the editor's swatches. */
  colourNames: z.object(Object.fromEntries(PALETTE_ROLES.map((r) => [r, z.string().trim().min(1).max(40)])) as Record<PaletteRole, z.ZodString>).partial().default({}),
})

export type BrandKit = z.infer<typeof brandKitSchema>

/** The kit a space has before its admins choose one: calm, legible, print-safe colours. */
export const DEFAULT_BRAND_KIT: BrandKit = Object.freeze({
  palette: { primary: '#1f4e79', secondary: '#e8553e', accent: '#f2b134', dark: '#14213d', light: '#f7f3ea' },
  fonts: { heading: 'montserrat' as FontFamilyId, body: 'inter' as FontFamilyId },
  logo: null,
  name: 'Mon association',
  colourNames: {},
}) as BrandKit

/** True when `value` names a palette role. */
export function isPaletteRole(value: string): value is PaletteRole {
  return (PALETTE_ROLES as readonly string[]).includes(value)
}

/** The palette role whose colour equals `hex` (case-insensitive), if any. */
export function roleOfColour(kit: BrandKit, hexColour: string): PaletteRole | undefined {
  return PALETTE_ROLES.find((r) => kit.palette[r].toLowerCase() === hexColour.toLowerCase())
}
