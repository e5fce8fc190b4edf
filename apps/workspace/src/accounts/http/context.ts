import type { Request } from 'express'
import type { SpaceContext } from '@maison/app-contract'
import { AppError, Unauthorized, ValidationError, fieldErrorsFromZod } from '@maison/errors'
import type { z } from 'zod'
import { accountsEnv } from '../../auth/deps.ts'
import type { AccountsEnv, SpaceInfo } from '../domain/context.ts'
import type { AccountsDeps } from '../deps.ts'

/** The request's space; the lead's space resolution runs before these routers. */
export function spaceOf(req: Request): SpaceContext {
  if (!req.space) throw new AppError('The request was not resolved to a space.')
  return req.space
}

export function envOf(req: Request, deps: Pick<AccountsDeps, 'clock'>): AccountsEnv {
  return accountsEnv(spaceOf(req).db, deps.clock)
}

export function spaceInfoOf(req: Request, deps: Pick<AccountsDeps, 'spaceName'>): SpaceInfo {
  const space = spaceOf(req)
  return { slug: space.slug, name: deps.spaceName?.(space) ?? space.slug, baseUrl: space.baseUrl, limits: space.limits }
}

/** The authenticated principal (routers put requireAccount before handlers that call this). */
export function principalOf(req: Request) {
  if (!req.principal) throw new Unauthorized('You need to log in.')
  return req.principal
}

/**
 * Parses input with a zod schema; a 400 names each offending field.
 * @throws ValidationError
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input ?? {})
  if (result.success) return result.data
  throw new ValidationError(`The ${what} is not valid: ${result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`, {
    errors: fieldErrorsFromZod(result.error.issues),
  })
}
