import express, { type Request, type Response, type Router } from 'express'
import { MethodNotAllowed } from '@maison/errors'
import type { Db } from '@maison/db'
import type { DavProvider } from './tree.ts'
import { DavTree } from './dav-tree.ts'
import { davRequest, sendXml, type DavRequest } from './request.ts'
import { renderDavError } from './errors.ts'
import { LockManager } from './locks/manager.ts'
import { SqliteLockRepository } from './locks/repository.ts'
import { propfind } from './methods/propfind.ts'
import { proppatch } from './methods/proppatch.ts'
import { get, put, del } from './methods/content.ts'
import { copyOrMove } from './methods/copymove.ts'
import { lock, unlock } from './methods/lock.ts'
import { report } from './methods/report.ts'
import { mkcalendar, mkcolAny } from './methods/mkcalendar.ts'
import { overrideOf } from './methods/overrides.ts'
import { PollAnswers } from './answer-cache.ts'

export interface DavRouterDeps {
  /** Collection providers mounted under the DAV root, e.g. the files provider. */
  providers: readonly DavProvider[]
  clock?: () => Date
  /** Largest XML body accepted (default 1 MiB); larger ones get 413. */
  maxXmlBytes?: number
  /** An error's message in the language the request asks for (desktop clients show it); English by default. */
  translate?: (message: string, req: Request) => string
}

const HANDLERS: Record<string, (dr: DavRequest) => Promise<void>> = {
  PROPFIND: propfind, PROPPATCH: proppatch, GET: get, HEAD: get, PUT: put, MKCOL: mkcolAny, DELETE: del,
  COPY: copyOrMove, MOVE: copyOrMove, LOCK: lock, UNLOCK: unlock, REPORT: report, MKCALENDAR: mkcalendar,
}

const ALLOW = ['OPTIONS', ...Object.keys(HANDLERS)].join(', ')

const lockRepos = new WeakMap<Db, SqliteLockRepository>()

function sendError(res: Response, err: unknown, translate?: DavRouterDeps['translate']): void {
  const { status, body, headers } = renderDavError(err, translate && ((m) => translate(m, res.req)))
  if (res.headersSent) {
    res.destroy()
    return
  }
  // An answer sent before the body was read (507 mid-upload) leaves unread bytes on the socket:
  // tell the client not to reuse it, or its next request races the close.
  if (!res.req.complete) res.setHeader('Connection', 'close')
  sendXml(res, status, body, headers)
}

/** Answers one DAV request completely (errors included); never calls a next handler. */
export type DavHandler = (req: Request, res: Response) => Promise<void>

const handlers = new WeakMap<Router, DavHandler>()

/**
 * The handler inside a router made by `createDavRouter`, for a caller that dispatches DAV requests
 * itself (the host's lean path) and sets `req.baseUrl`/`req.originalUrl` as mounting would.
 */
export function davHandlerOf(router: Router): DavHandler | undefined {
  return handlers.get(router)
}

/**
 * The DAV server of a space. Mount at /s/:space/remote.php/dav (and /remote.php/webdav, which maps
 * onto files/{user}); expects `req.space` and, for anything but OPTIONS, `req.principal`.
 */
export function createDavRouter(deps: DavRouterDeps): Router {
  const handler = createDavHandler(deps)
  const router = express.Router()
  router.use(handler)
  handlers.set(router, handler)
  return router
}

function createDavHandler(deps: DavRouterDeps): DavHandler {
  const tree = new DavTree(deps.providers)
  const clock = deps.clock ?? (() => new Date())
  const opts = { maxXmlBytes: deps.maxXmlBytes ?? 1024 * 1024 }
  const lockClock = (): number => clock().getTime()
  const locksOf = (db: Db, hrefOfKey: (k: string) => string): LockManager => {
    let repo = lockRepos.get(db)
    if (!repo) lockRepos.set(db, (repo = new SqliteLockRepository(db)))
    return new LockManager(repo, lockClock, hrefOfKey)
  }
  const polls = new PollAnswers()
  return async (req: Request, res: Response) => {
    try {
      res.setHeader('DAV', tree.compliance)
      if (req.method === 'OPTIONS') {
        res.set({ Allow: ALLOW, 'MS-Author-Via': 'DAV', 'Content-Length': '0' }).status(200).end()
        return
      }
      const kept = req.method === 'PROPFIND' ? await polls.answer(req, res, opts.maxXmlBytes) : undefined
      if (kept === true) return
      let handler = HANDLERS[req.method]
      // An unnamed closure: under tsx a named one costs an Object.defineProperty per request (see request.ts).
      const dr = davRequest(req, res, tree, (hrefOfKey) => locksOf(req.space!.db, hrefOfKey), clock, opts)
      dr.keepAnswer = kept
      handler = overrideOf(tree.providerAt(dr.path), req.method) ?? handler
      if (!handler) throw new MethodNotAllowed(`${req.method} is not supported here.`)
      await handler(dr)
    } catch (err) {
      // Unread request bodies would otherwise stall keep-alive connections.
      req.resume()
      sendError(res, err, deps.translate)
    }
  }
}
