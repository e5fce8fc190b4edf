import express, { type Request, type RequestHandler } from 'express'
import { Forbidden, NotFound } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import type { MembersEnv } from '../domain/repositories.ts'
import { sqliteMembersStore } from '../storage/store.ts'

/** The domain env of the request's space. */
export function envFor(req: Request, services: AppServices): MembersEnv {
  const space = req.space!
  return { store: sqliteMembersStore(space.db), clock: services.clock, defaults: { associationName: space.name, timeZone: services.config.DEFAULT_TIMEZONE } }
}

/** Only the space's admins manage members; a member reaches their own record through /me. */
export const adminOnly: RequestHandler = (req, _res, next) => {
  next(req.principal?.role === 'admin' ? undefined : new Forbidden('Only the space admins manage members.'))
}

export const json = express.json({ limit: '1mb' })

/** A numeric path id; anything else is simply not found. @throws NotFound */
export function idParam(req: Request, name = 'id'): number {
  const raw = req.params[name]
  const n = Number(raw)
  if (!/^[1-9][0-9]{0,15}$/.test(String(raw)) || !Number.isSafeInteger(n)) throw new NotFound('Nothing here.')
  return n
}
