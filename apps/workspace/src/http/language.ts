import type { Request } from 'express'
import { parse as parseCookies } from 'cookie'

export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language)

/** The first supported language of an Accept-Language header, by quality. */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { lang: (tag ?? '').toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q)
  return ranked.map((x) => x.lang).find(isLanguage) ?? null
}

/** The page language: the account's choice, else the visitor's cookie, else the browser's, else English. */
export function pickLanguage(req: Request): Language {
  const own = req.principal?.language
  if (isLanguage(own)) return own
  const cookie = parseCookies(req.get('cookie') ?? '').maison_lang
  if (isLanguage(cookie)) return cookie
  return fromAcceptLanguage(req.get('accept-language')) ?? 'en'
}
