import type { ErrorRequestHandler, Request } from 'express'
import type { Logger } from 'pino'
import { localizeProblem, normalizeError, toProblem, type AppError, type Language, type MessageCatalogue } from '@maison/errors'

/** Wants a page rather than JSON: a browser navigation, not an API or DAV call. */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !req.path.includes('/api/') && (req.get('accept') ?? '').includes('text/html')
}

/** Renders the error page; `detail` is the error's message in the page's language. */
export type ErrorPageRenderer = (err: AppError, req: Request, detail: string) => string

/** How answers reach the reader in their language. */
export interface ErrorLanguage {
  catalogue: MessageCatalogue
  languageOf(req: Request): Language
}

/**
 * The one place that turns errors into answers: problem+json for APIs, a friendly page for
 * people. Logs once (server errors at error level, the rest at debug).
 */
export function problemHandler(logger: Logger, renderPage?: ErrorPageRenderer, language?: ErrorLanguage): ErrorRequestHandler {
  return (raw, req, res, _next) => {
    const err = normalizeError(raw)
    if (err.status >= 500 && err.status !== 503 && err.status !== 507) logger.error({ err: raw, url: req.originalUrl }, 'request failed')
    else logger.debug({ code: err.code, url: req.originalUrl }, err.message)
    if (res.headersSent) {
      res.destroy()
      return
    }
    for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v)
    if (!req.complete) res.setHeader('Connection', 'close')
    if (err.status === 401 && !res.getHeader('www-authenticate') && req.get('authorization')?.startsWith('Basic')) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Maison", charset="UTF-8"')
    }
    const lang = language?.languageOf(req) ?? 'en'
    const problem = language ? localizeProblem(toProblem(err), lang, language.catalogue) : toProblem(err)
    res.setHeader('Content-Language', lang)
    // A 404 may be cached by a shared cache: not across languages.
    res.vary('Accept-Language')
    if (renderPage && wantsPage(req)) {
      res.status(err.status).type('html').send(renderPage(err, req, problem.detail))
      return
    }
    res.status(err.status).type('application/problem+json').send(JSON.stringify(problem))
  }
}
