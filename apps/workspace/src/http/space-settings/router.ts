import express, { Router } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { SpaceSettingsStore } from '../../spaces/settings.ts'
import { readLogo, saveLogo, updateAppearance, LOGO_MAX_BYTES } from '../../spaces/appearance.ts'
import type { SpaceRegistry } from '../../spaces/registry.ts'
import { patchSpaceSchema } from './schema.ts'

export interface SpaceSettingsDeps {
  registry: SpaceRegistry
  requireAccount: express.RequestHandler
  requireAdmin: express.RequestHandler
  usage: (space: NonNullable<express.Request['space']>) => { accounts: number; bytes: number }
}

function present(req: express.Request, deps: SpaceSettingsDeps) {
  const space = req.space!
  const store = new SpaceSettingsStore(space.db)
  const record = deps.registry.get(space.slug)!
  const { colors, logoType } = store.appearance()
  return {
    slug: space.slug,
    name: record.name,
    colors,
    logoUrl: logoType ? `${space.pathPrefix}/logo` : null,
    limits: space.limits,
    usage: deps.usage(space),
  }
}

/** `/api/v1/space` and `/logo`: the association's name, colours and logo. */
export function createSpaceSettingsRouter(deps: SpaceSettingsDeps): Router {
  const router = Router()
  router.get('/api/v1/space', deps.requireAccount, (req, res) => {
    res.json(present(req, deps))
  })
  router.patch('/api/v1/space', deps.requireAdmin, express.json({ limit: '64kb' }), (req, res) => {
    const parsed = patchSpaceSchema.safeParse(req.body ?? {})
    if (!parsed.success) throw new ValidationError('Some settings are not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const space = req.space!
    if (parsed.data.name) deps.registry.update(space.slug, { name: parsed.data.name })
    if (parsed.data.colors) updateAppearance(new SpaceSettingsStore(space.db), { colors: parsed.data.colors })
    res.json(present(req, deps))
  })
  router.put('/api/v1/space/logo', deps.requireAdmin, express.raw({ type: () => true, limit: LOGO_MAX_BYTES + 1 }), (req, res) => {
    const space = req.space!
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim()
    saveLogo(new SpaceSettingsStore(space.db), space.dir, type, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))
    res.status(204).end()
  })
  router.get('/logo', (req, res, next) => {
    const space = req.space!
    const logo = readLogo(new SpaceSettingsStore(space.db), space.dir)
    if (!logo) return next()
    res.type(logo.type).setHeader('Cache-Control', 'public, max-age=300')
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    res.sendFile(logo.file)
  })
  return router
}
