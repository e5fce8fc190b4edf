import express, { type Router, type Request } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { brandKitOf, saveBrandKit, setLogo, MAX_LOGO_BYTES, type BrandKitRepository } from '../../domain/brand-kit-service.ts'
import { FONT_FAMILIES } from '../../domain/fonts.ts'
import { PALETTE_ROLES } from '../../domain/brand-kit.ts'
import { associationName, requireAdmin } from '../context.ts'
import { logoFromFilesSchema } from './schema.ts'

export interface BrandKitHttpDeps {
  kitRepo: (req: Request) => BrandKitRepository
  /** Reads a file of the caller's own files (a logo picked in Files). */
  readFile: (req: Request, path: string, maxBytes: number) => Promise<{ bytes: Buffer; mime: string }>
  clock: () => Date
}

const FONTS = Object.values(FONT_FAMILIES).map((f) => ({ id: f.id, family: f.family, category: f.category }))
const admin = requireAdmin('change the brand kit')

/** GET/PUT /brand-kit, PUT/DELETE /brand-kit/logo, POST /brand-kit/logo/from-files. */
export function mountBrandKit(router: Router, deps: BrandKitHttpDeps): void {
  const present = (req: Request, kit = brandKitOf(deps.kitRepo(req), associationName(req))) => ({ kit, roles: PALETTE_ROLES, fonts: FONTS, canEdit: req.principal?.role === 'admin' })

  router.get('/brand-kit', (req, res) => {
    res.json(present(req))
  })

  router.put('/brand-kit', admin, express.json({ limit: '2mb' }), (req, res) => {
    res.json(present(req, saveBrandKit(deps.kitRepo(req), req.body, deps.clock())))
  })

  router.put('/brand-kit/logo', admin, express.raw({ type: () => true, limit: MAX_LOGO_BYTES + 1024 }), (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new ValidationError('Send the logo image as the request body (Content-Type image/png or image/jpeg).', { errors: [{ path: 'logo', message: 'empty body' }] })
    const mime = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    res.json(present(req, setLogo(deps.kitRepo(req), associationName(req), { bytes: req.body, mime }, deps.clock())))
  })

  router.post('/brand-kit/logo/from-files', admin, express.json(), async (req, res) => {
    const parsed = logoFromFilesSchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('The logo request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const file = await deps.readFile(req, parsed.data.path, MAX_LOGO_BYTES)
    res.json(present(req, setLogo(deps.kitRepo(req), associationName(req), file, deps.clock())))
  })

  router.delete('/brand-kit/logo', admin, (req, res) => {
    res.json(present(req, setLogo(deps.kitRepo(req), associationName(req), null, deps.clock())))
  })
}
