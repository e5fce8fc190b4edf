import type { Request, Response } from 'express'
import { AppError } from '@maison/errors'
import { consoleLanguage } from '../language.ts'
import type { Ctx } from './layout.ts'
import { CONSOLE_TEXTS } from './texts.ts'

/** Where to go after a form; only our own console paths. */
export const back = (req: Request, fallback: string): string => {
  const ref = req.get('referer')
  try {
    const u = ref ? new URL(ref) : null
    return u && u.pathname.startsWith('/admin/') ? u.pathname + u.search.replace(/([?&])error=[^&]*/g, '$1') : fallback
  } catch {
    return fallback
  }
}

export const errorQuery = (url: string, message: string) => `${url}${url.includes('?') ? '&' : '?'}error=${encodeURIComponent(message)}`

/**
 * A console form action: on a refusal (4xx), back to the page with the message instead of a bare
 * error. `fn` may return where to go instead (e.g. the page of what it created).
 */
export const action = (fallback: (req: Request) => string, fn: (req: Request) => Promise<unknown> | unknown) =>
  async (req: Request, res: Response) => {
    const to = back(req, fallback(req))
    try {
      const result = await fn(req)
      res.redirect(303, typeof result === 'string' && result.startsWith('/admin/') ? result : to)
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err
      res.redirect(303, errorQuery(to, err.message))
    }
  }

export const errorOf = (req: Request) => (typeof req.query.error === 'string' ? req.query.error : undefined)

/** The page context of a logged-in request: staff, CSRF token, language. */
export const ctxOf = (req: Request, res: Response): Ctx => ({
  staff: req.staff!, csrf: req.staffCsrf!, t: CONSOLE_TEXTS[consoleLanguage(req, res)], url: req.originalUrl,
})
