import type { Request } from 'express'
import { Forbidden, ValidationError } from '@maison/errors'
import type { Principal } from '@maison/app-contract'

/** A request parameter from the body or the query string, as Nextcloud's getParam merges them. */
export function param(req: Request, name: string): string | undefined {
  const v = (req.body as Record<string, unknown> | undefined)?.[name] ?? (req.query as Record<string, unknown>)[name]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v)
  throw new ValidationError(`"${name}" must be a single value.`, { errors: [{ path: name, message: 'Expected a single value.' }] })
}

/** A list parameter (`groups[]=a&groups[]=b`, a JSON array, or one value). */
export function listParam(req: Request, name: string): string[] {
  const v = (req.body as Record<string, unknown> | undefined)?.[name] ?? (req.body as Record<string, unknown> | undefined)?.[`${name}[]`]
  if (v === undefined || v === null || v === '') return []
  const list = Array.isArray(v) ? v : [v]
  if (!list.every((x) => typeof x === 'string')) {
    throw new ValidationError(`"${name}" must be a list of names.`, { errors: [{ path: name, message: 'Expected a list of names.' }] })
  }
  return list as string[]
}

/** `limit`/`offset` as whole numbers, or undefined when absent. */
export function intParam(req: Request, name: string): number | undefined {
  const v = param(req, name)
  if (v === undefined || v === '') return undefined
  if (!/^\d{1,9}$/.test(v)) {
    throw new ValidationError(`"${name}" must be a whole number, got "${v}".`, { errors: [{ path: name, message: 'Expected a whole number.' }] })
  }
  return Number(v)
}

/** @throws Forbidden unless the principal is an admin */
export function assertAdmin(p: Principal): void {
  if (p.role !== 'admin') throw new Forbidden('Logged in account must be an admin')
}
