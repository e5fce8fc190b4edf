import express, { Router, type Request, type RequestHandler } from 'express'
import { z } from 'zod'
import { NotFound, ValidationError, fieldErrorsFromZod } from '@maison/errors'
import type { Actor, FilesDeps } from '../../files/index.ts'
import { deleteFromTrash, emptyTrash, getAssociationWriters, listTrash, restoreFromTrash, setAssociationWriters } from '../../files/index.ts'

export interface FilesApiDeps {
  filesFor: (req: Request) => FilesDeps
  actorOf: (req: Request) => Actor
  requireAccount: RequestHandler
  requireAdmin: RequestHandler
}

const writersSchema = z
  .object({
    writers: z.union([
      z.enum(['admins', 'members']),
      z.object({ usernames: z.array(z.string().min(1)).max(1000) }).strict(),
    ], { error: 'expected "admins", "members" or { "usernames": [...] }' }),
  })
  .strict()

const idOf = (req: Request): number => {
  const id = Number(req.params.id)
  if (!Number.isInteger(id) || id < 1) throw new NotFound('No such item in your trash.')
  return id
}

/** `/api/v1/trash` and `/api/v1/association-folder`. */
export function createFilesApiRouter(deps: FilesApiDeps): Router {
  const r = Router()
  r.get('/trash', deps.requireAccount, (req, res) => {
    res.json({ items: listTrash(deps.filesFor(req), deps.actorOf(req)) })
  })
  r.post('/trash/:id/restore', deps.requireAccount, async (req, res) => {
    const path = await restoreFromTrash(deps.filesFor(req), deps.actorOf(req), idOf(req))
    res.json({ path })
  })
  r.delete('/trash/:id', deps.requireAccount, async (req, res) => {
    await deleteFromTrash(deps.filesFor(req), deps.actorOf(req), idOf(req))
    res.status(204).end()
  })
  r.delete('/trash', deps.requireAccount, async (req, res) => {
    await emptyTrash(deps.filesFor(req), deps.actorOf(req))
    res.status(204).end()
  })
  r.get('/association-folder', deps.requireAccount, (req, res) => {
    res.json({ writers: getAssociationWriters(deps.filesFor(req).repo) })
  })
  r.put('/association-folder', deps.requireAdmin, express.json({ limit: '64kb' }), (req, res) => {
    const parsed = writersSchema.safeParse(req.body ?? {})
    if (!parsed.success) throw new ValidationError('Who may write in the association folder is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    res.json({ writers: setAssociationWriters(deps.filesFor(req).repo, parsed.data.writers) })
  })
  return r
}
