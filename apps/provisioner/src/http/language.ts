import type { Request, Response } from 'express'
import { parse as parseCookies } from 'cookie'
import type { Language } from '../domain/fields.ts'

/** `?lang=` first (the switch link), then the browser's preference; French when it says French. */
export function languageOf(req: Request): Language {
  const q = req.query.lang
  if (q === 'fr' || q === 'en') return q
  const body = (req.body as Record<string, unknown> | undefined)?.lang
  if (body === 'fr' || body === 'en') return body
  return req.acceptsLanguages('fr', 'en') === 'fr' ? 'fr' : 'en'
}

export const CONSOLE_LANG_COOKIE = 'maison_console_lang'

/**
 * The console's language: `?lang=` (remembered in a cookie, so the switch holds across pages),
 * then that cookie, then the browser's preference; English when the browser says nothing.
 */
export function consoleLanguage(req: Request, res: Response): Language {
  const q = req.query.lang
  if (q === 'fr' || q === 'en') {
    res.cookie(CONSOLE_LANG_COOKIE, q, { path: '/admin', sameSite: 'lax', maxAge: 365 * 86400_000 })
    return q
  }
  const saved = parseCookies(req.get('cookie') ?? '')[CONSOLE_LANG_COOKIE]
  if (saved === 'fr' || saved === 'en') return saved
  if (!req.get('accept-language')) return 'en'
  return req.acceptsLanguages('en', 'fr') === 'fr' ? 'fr' : 'en'
}
