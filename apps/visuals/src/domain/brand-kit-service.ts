import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { brandKitSchema, DEFAULT_BRAND_KIT, type BrandKit } from './brand-kit.ts'
import { readRasterDataUrl } from './images.ts'

/** Where a space keeps its one brand kit. */
export interface BrandKitRepository {
  get(): BrandKit | null
  save(kit: BrandKit, now: Date): void
}

/** Largest logo accepted, in bytes of image data; a logo is printed a few centimetres wide. */
export const MAX_LOGO_BYTES = 1_000_000
/** Largest logo side in pixels: enough for an A3 poster corner at 300 dpi. */
export const MAX_LOGO_SIDE = 4000

/** The space's kit, or the default kit carrying the association's name until an admin saves one. */
export function brandKitOf(repo: BrandKitRepository, associationName: string): BrandKit {
  return repo.get() ?? { ...DEFAULT_BRAND_KIT, name: associationName.slice(0, 80) || DEFAULT_BRAND_KIT.name }
}

/**
 * Replaces the kit with `input` (the whole kit: palette, fonts, name, colour names, logo).
 * @throws ValidationError naming each invalid part; nothing is stored then
 */
export function saveBrandKit(repo: BrandKitRepository, input: unknown, now: Date): BrandKit {
  const parsed = brandKitSchema.safeParse(input)
  if (!parsed.success) throw new ValidationError('The brand kit is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
  if (parsed.data.logo) checkLogo(parsed.data.logo, 'logo')
  repo.save(parsed.data, now)
  return parsed.data
}

/**
 * Sets or clears the kit's logo, keeping the rest of the kit.
 * @throws ValidationError when the image is not a PNG or JPEG within the size limits
 */
export function setLogo(repo: BrandKitRepository, associationName: string, image: { bytes: Buffer; mime: string } | null, now: Date): BrandKit {
  const kit = brandKitOf(repo, associationName)
  let logo: string | null = null
  if (image) {
    if (image.mime !== 'image/png' && image.mime !== 'image/jpeg') {
      throw new ValidationError(`A logo must be a PNG or JPEG image, not ${image.mime || 'an unknown type'}.`, { errors: [{ path: 'logo', message: 'expected image/png or image/jpeg' }] })
    }
    if (image.bytes.length > MAX_LOGO_BYTES) {
      throw new ValidationError(`The logo is ${(image.bytes.length / 1e6).toFixed(1)} MB; logos are limited to ${MAX_LOGO_BYTES / 1e6} MB.`, { errors: [{ path: 'logo', message: 'too large' }] })
    }
    logo = `data:${image.mime};base64,${image.bytes.toString('base64')}`
    checkLogo(logo, 'logo')
  }
  const next = { ...kit, logo }
  repo.save(next, now)
  return next
}

function checkLogo(dataUrl: string, path: string): void {
  const img = readRasterDataUrl(dataUrl, path)
  if (img.width > MAX_LOGO_SIDE || img.height > MAX_LOGO_SIDE) {
    throw new ValidationError(`The logo is ${img.width}×${img.height} px; logos are limited to ${MAX_LOGO_SIDE} px on each side.`, { errors: [{ path, message: 'too many pixels' }] })
  }
}
