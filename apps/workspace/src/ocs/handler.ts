import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { AppError } from '@maison/errors'
import type { Logger } from 'pino'
import { OCS, sendOcs, type OcsAnswer } from './envelope.ts'

/** Maps the `code` of an AppError to the OCS status an endpoint documents for it. */
export type OcsCodes = Partial<Record<string, number>>

const DEFAULTS: OcsCodes = {
  validation_failed: 101, bad_request: 101, forbidden: 403, limit_reached: 403, not_found: 404, unauthorized: OCS.UNAUTHORISED,
}

/** Wraps an OCS endpoint: its answer or its error goes out in the OCS envelope, never as problem+json. */
export function ocsRoute(logger: Logger, codes: OcsCodes, handle: (req: Request) => Promise<OcsAnswer> | OcsAnswer): RequestHandler {
  return async (req: Request, res: Response, _next: NextFunction) => {
    try {
      sendOcs(req, res, await handle(req))
    } catch (err) {
      if (err instanceof AppError) {
        const status = codes[err.code] ?? DEFAULTS[err.code] ?? (err.status >= 500 ? OCS.SERVER_ERROR : err.status)
        return sendOcs(req, res, { status, message: err.message })
      }
      logger.error({ err, url: req.originalUrl }, 'OCS request failed')
      sendOcs(req, res, { status: OCS.SERVER_ERROR, message: 'Something went wrong on our side.' })
    }
  }
}
