import fs from 'node:fs'
import { z } from 'zod'
import type { SpaceContext } from '@maison/app-contract'
import { ValidationError } from '@maison/errors'
import { SpaceSettingsStore } from '../../../workspace/src/spaces/settings.ts'
import { readLogo, saveLogo } from '../../../workspace/src/spaces/appearance.ts'
import { getAssociationWriters, setAssociationWriters, SqliteFileRepository } from '../../../workspace/src/files/index.ts'

export const SPACE_PATH = 'space.json'
export const LOGO_PATH = 'space/logo'

export const spaceFileSchema = z.object({
  slug: z.string(),
  name: z.string().min(1).max(200),
  limits: z.object({ quotaBytes: z.number().int().min(0), maxAccounts: z.number().int().min(1) }),
  settings: z.object({
    appearance: z.object({ colors: z.object({ primary: z.string(), background: z.string() }), logoType: z.string().nullable() }),
    enabledApps: z.array(z.string()).nullable(),
    associationWriters: z.union([z.enum(['admins', 'members']), z.object({ usernames: z.array(z.string()) })]),
  }),
})

export type SpaceFile = z.infer<typeof spaceFileSchema>

/** Name, limits and settings of a space, and its logo bytes when it has one. */
export function exportSpaceFile(space: SpaceContext): { file: SpaceFile; logo: Buffer | null } {
  const settings = new SpaceSettingsStore(space.db)
  const logo = readLogo(settings, space.dir)
  return {
    file: {
      slug: space.slug, name: space.name, limits: space.limits,
      settings: {
        appearance: settings.appearance(),
        enabledApps: settings.get<string[] | null>('enabledApps', null),
        associationWriters: getAssociationWriters(SqliteFileRepository.for(space.db)),
      },
    },
    logo: logo ? fs.readFileSync(logo.file) : null,
  }
}

/** @throws ValidationError naming the field */
export function parseSpaceFile(content: Buffer): SpaceFile {
  let raw: unknown
  try {
    raw = JSON.parse(content.toString('utf8'))
  } catch {
    throw new ValidationError(`${SPACE_PATH} is not valid JSON.`, { errors: [{ path: `entries/${SPACE_PATH}`, message: 'not JSON' }] })
  }
  const r = spaceFileSchema.safeParse(raw)
  if (!r.success) {
    const i = r.error.issues[0]!
    const message = `${i.path.join('.')}: ${i.message}`
    throw new ValidationError(`${SPACE_PATH} is not valid: ${message}`, { errors: [{ path: `entries/${SPACE_PATH}`, message }] })
  }
  return r.data
}

/** Restores settings (and the logo) into a new space. */
export function importSpaceSettings(space: SpaceContext, file: SpaceFile, logo: Buffer | null): void {
  const settings = new SpaceSettingsStore(space.db)
  if (file.settings.enabledApps) settings.set('enabledApps', file.settings.enabledApps)
  settings.set('appearance', { ...file.settings.appearance, logoType: null })
  if (logo && file.settings.appearance.logoType) saveLogo(settings, space.dir, file.settings.appearance.logoType, logo)
  setAssociationWriters(SqliteFileRepository.for(space.db), file.settings.associationWriters)
}
