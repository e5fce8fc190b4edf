import type { Request, RequestHandler } from 'express'
import { Forbidden } from '@maison/errors'
import type { TemplateCatalogue } from '../domain/catalogue.ts'

/** Lets only the space's admins through (brand kit changes, template uploads). */
export const requireAdmin = (what: string): RequestHandler => (req, _res, next) =>
  next(req.principal?.role === 'admin' ? undefined : new Forbidden(`Only the space admins can ${what}.`))

/** The association's name, for the default brand kit. */
export function associationName(req: Request): string {
  return req.space?.name ?? 'Mon association'
}

/** The templates the request's space offers: shipped ones plus its admins' uploads. */
export function catalogueOf(deps: { catalogue: TemplateCatalogue; catalogueFor?: (req: Request) => TemplateCatalogue }, req: Request): TemplateCatalogue {
  return deps.catalogueFor?.(req) ?? deps.catalogue
}
