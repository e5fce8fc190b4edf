import type { Request } from 'express'
import type { Language } from '../domain/fields.ts'

/** `?lang=` first (the switch link), then the browser's preference; French when it says French. */
export function languageOf(req: Request): Language {
  const q = req.query.lang
  if (q === 'fr' || q === 'en') return q
  const body = (req.body as Record<string, unknown> | undefined)?.lang
  if (body === 'fr' || body === 'en') return body
  return req.acceptsLanguages('fr', 'en') === 'fr' ? 'fr' : 'en'
}
