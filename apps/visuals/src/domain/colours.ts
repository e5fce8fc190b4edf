import { ValidationError } from '@maison/errors'
import { isPaletteRole, type BrandKit } from './brand-kit.ts'
import type { ResolvedFields } from './fields.ts'

/**
 * Resolves a colour binding: a colour field id, a palette role, or `on:<binding>` — the kit's
 * dark or light colour, whichever reads better on that colour.
 * @throws ValidationError when the binding names neither a colour field nor a palette role
 */
export function resolveColour(binding: string, kit: BrandKit, fields: ResolvedFields): string {
  if (binding.startsWith('on:')) {
    const under = resolveColour(binding.slice(3), kit, fields)
    const { dark, light } = kit.palette
    return contrast(under, dark) >= contrast(under, light) ? dark : light
  }
  const field = fields.get(binding)
  if (field?.type === 'color') return kit.palette[field.role]
  if (isPaletteRole(binding)) return kit.palette[binding]
  throw new ValidationError(`The colour binding "${binding}" is neither a colour field of the template nor a palette role.`)
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
