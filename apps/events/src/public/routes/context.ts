import type { Request, Response } from 'express'
import type { AppServices, SpaceContext } from '@maison/app-contract'
import type { Language } from '../../registrations/model.ts'
import { pickLanguage } from '../i18n.ts'
import { PAGE_CSP, renderPage, type PageInput } from '../layout.ts'
import { themeOf, type PublicTheme } from '../theme.ts'
import type { Viewer } from '../visibility.ts'

/** What every public handler reads first. */
export interface PublicContext {
  space: SpaceContext
  lang: Language
  viewer: Viewer
  /** The logged-in account looking, if any. */
  member: { username: string; displayName: string } | null
  now: Date
  theme: PublicTheme
  /** Path of the mini-site on this request, e.g. /s/demo/p */
  base: string
  defaultZone: string
}

/** The request's public context (the workspace resolved the space and, when logged in, the principal). */
export function publicContext(req: Request, services: AppServices): PublicContext {
  const space = req.space!
  return {
    space, lang: pickLanguage(req), viewer: { member: Boolean(req.principal) }, now: services.clock(),
    member: req.principal ? { username: req.principal.username, displayName: req.principal.displayName } : null, theme: themeOf(services.appearance(space)),
    base: `${space.pathPrefix}/p`, defaultZone: services.config.DEFAULT_TIMEZONE,
  }
}

/** Whether the client asked for JSON rather than a page (scripts, tests). */
export const wantsJson = (req: Request): boolean => req.accepts(['html', 'json']) === 'json'

/** What a handler gives for a page; the context adds the rest. */
export type PageContent = Omit<PageInput, 'lang' | 'siteName' | 'homePath' | 'theme'>

/** The public pages' security headers. */
export function setPageHeaders(res: Response): void {
  res.set('Content-Security-Policy', PAGE_CSP)
  res.set('X-Frame-Options', 'DENY')
  res.set('Referrer-Policy', 'strict-origin-when-cross-origin')
}

/** A full HTML page in the space's look and the request's language. */
export function renderFor(ctx: PublicContext, page: PageContent): string {
  return renderPage({ ...page, lang: ctx.lang, siteName: ctx.space.name, homePath: `${ctx.base}/`, theme: ctx.theme })
}

/** Sends a full HTML page with the public pages' security headers. */
export function sendPage(res: Response, ctx: PublicContext, page: PageContent, status = 200): void {
  res.status(status)
  setPageHeaders(res)
  res.type('html').send(renderFor(ctx, page))
}
