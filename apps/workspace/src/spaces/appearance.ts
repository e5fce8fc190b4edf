import fs from 'node:fs'
import path from 'node:path'
import { ValidationError } from '@maison/errors'
import type { SpaceContext, SpaceLook } from '@maison/app-contract'
import { SpaceSettingsStore, type SpaceAppearance } from './settings.ts'

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'] as const
export const LOGO_MAX_BYTES = 1024 * 1024

export interface AppearancePatch {
  colors?: { primary?: string; background?: string }
}

/** Stores new colours, keeping what the patch does not mention. */
export function updateAppearance(store: SpaceSettingsStore, patch: AppearancePatch): SpaceAppearance {
  const current = store.appearance()
  const next: SpaceAppearance = { ...current, colors: { ...current.colors, ...patch.colors } }
  store.set('appearance', next)
  return next
}

const logoFile = (spaceDir: string) => path.join(spaceDir, 'logo')

/**
 * Replaces the space's logo atomically. SVG logos are refused when they could run script,
 * since the logo is served on the space's own origin.
 * @throws ValidationError for an unsupported type, an oversized file or an unsafe SVG.
 */
export function saveLogo(store: SpaceSettingsStore, spaceDir: string, type: string, bytes: Buffer): void {
  if (!LOGO_TYPES.includes(type as (typeof LOGO_TYPES)[number])) {
    throw new ValidationError('The logo must be a PNG, JPEG, WebP or SVG image.', { errors: [{ path: 'logo', message: `unsupported type ${type}` }] })
  }
  if (bytes.length === 0 || bytes.length > LOGO_MAX_BYTES) {
    throw new ValidationError('The logo must be between 1 byte and 1 MB.', { errors: [{ path: 'logo', message: `the file has ${bytes.length} bytes` }] })
  }
  if (type === 'image/svg+xml' && /<script|\son\w+\s*=|javascript:|<!ENTITY|<foreignObject/i.test(bytes.toString('utf8'))) {
    throw new ValidationError('This SVG logo contains scripts or entities; export it again as a plain SVG or PNG.', { errors: [{ path: 'logo', message: 'unsafe SVG' }] })
  }
  const tmp = `${logoFile(spaceDir)}.${process.pid}.tmp`
  fs.writeFileSync(tmp, bytes)
  fs.renameSync(tmp, logoFile(spaceDir))
  store.set('appearance', { ...store.appearance(), logoType: type })
}

/** The logo's path and type, or null when the space has none. */
export function readLogo(store: SpaceSettingsStore, spaceDir: string): { file: string; type: string } | null {
  const { logoType } = store.appearance()
  const file = logoFile(spaceDir)
  return logoType && fs.existsSync(file) ? { file, type: logoType } : null
}

/** The look apps get through AppServices.appearance. */
export function spaceLook(space: SpaceContext): SpaceLook {
  const { colors, logoType } = new SpaceSettingsStore(space.db).appearance()
  return { colors, logoUrl: logoType ? `${space.pathPrefix}/logo` : null }
}
