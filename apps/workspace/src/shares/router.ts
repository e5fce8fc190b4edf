import express, { Router, type Request } from 'express'
import { z } from 'zod'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import { ValidationError, fieldErrorsFromZod, NotFound } from '@maison/errors'
import type { Actor } from '../files/context.ts'
import { SpaceSettingsStore } from '../spaces/settings.ts'
import { pickLanguage } from '../http/language.ts'
import { createShare, listShares, nodeInShare, openShare, revokeShare, unlockShare, type SharesDeps } from './domain.ts'
import { renderSharePage, type ShareEntry } from './page.ts'
import type { FileNode } from '../files/repository.ts'
import type { ContentStore } from '../files/content-store.ts'

const createSchema = z
  .object({
    path: z.string().min(1, 'the path of the file or folder to share'),
    password: z.string().max(200).nullish(),
    expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  })
  .strict()

export interface SharesHttpDeps {
  sharesFor: (req: Request) => SharesDeps
  storeFor: (req: Request) => ContentStore
  actorOf: (req: Request) => Actor
  spaceName: (req: Request) => string
  requireAccount: express.RequestHandler
}

/** `/api/v1/shares`: the account's public links. */
export function createSharesApiRouter(deps: SharesHttpDeps): Router {
  const r = Router()
  r.get('/shares', deps.requireAccount, (req, res) => {
    const path = typeof req.query.path === 'string' ? req.query.path : undefined
    res.json({ shares: listShares(deps.sharesFor(req), deps.actorOf(req), path).map((s) => withUrl(req, s)) })
  })
  r.post('/shares', deps.requireAccount, express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = createSchema.safeParse(req.body ?? {})
    if (!parsed.success) throw new ValidationError('The share link settings are not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const share = await createShare(deps.sharesFor(req), deps.actorOf(req), parsed.data)
    res.status(201).json(withUrl(req, share))
  })
  r.delete('/shares/:id', deps.requireAccount, (req, res) => {
    const id = Number(req.params.id)
    if (!Number.isInteger(id)) throw new NotFound('There is no such share link.')
    revokeShare(deps.sharesFor(req), deps.actorOf(req), id)
    res.status(204).end()
  })
  return r
}

const withUrl = <T extends { token: string }>(req: Request, s: T) => ({ ...s, url: `${req.space!.baseUrl}/p/share/${s.token}` })

const cookieName = (token: string) => `maison_share_${token.slice(0, 12)}`

function entry(root: FileNode, node: FileNode): ShareEntry {
  const sub = node.path === root.path ? '' : node.path.slice(root.path ? root.path.length + 1 : 0)
  return { name: node.name, isDir: node.isDir, size: node.size, mtime: node.mtime, sub }
}

/** `/p/share/{token}`: what a visitor without an account sees. */
export function createSharesPublicRouter(deps: SharesHttpDeps & { children: (req: Request, node: FileNode) => FileNode[] }): Router {
  const r = Router()
  const sub = (req: Request) => (typeof req.query.path === 'string' ? req.query.path : '')
  const sessionOf = (req: Request) => parseCookies(req.get('cookie') ?? '')[cookieName(String(req.params.token))]

  const page = (req: Request, res: express.Response, wrongPassword = false) => {
    const s = deps.sharesFor(req)
    const opened = openShare(s, String(req.params.token), sessionOf(req))
    const base = `${req.space!.pathPrefix}/p/share/${opened.share.token}`
    const node = opened.needsPassword ? opened.root : nodeInShare(s, opened.root, sub(req))
    const children = !opened.needsPassword && node.isDir ? deps.children(req, node) : []
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('X-Robots-Tag', 'noindex')
    res.status(wrongPassword ? 403 : 200).type('html').send(
      renderSharePage({
        language: pickLanguage(req), spaceName: deps.spaceName(req), base,
        colors: new SpaceSettingsStore(req.space!.db).appearance().colors,
        current: entry(opened.root, node),
        entries: children.sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name)).map((c) => entry(opened.root, c)),
        needsPassword: opened.needsPassword, wrongPassword,
      }),
    )
  }

  r.get('/share/:token', (req, res) => page(req, res))
  r.post('/share/:token/auth', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const s = deps.sharesFor(req)
    const opened = openShare(s, String(req.params.token), undefined)
    const sid = await unlockShare(s, opened.share, String(req.body?.password ?? ''))
    if (!sid) return page(req, res, true)
    res.setHeader('Set-Cookie', serializeCookie(cookieName(opened.share.token), sid, {
      httpOnly: true, sameSite: 'lax', path: `${req.space!.pathPrefix}/p/share/${opened.share.token}`, maxAge: 12 * 3600,
    }))
    res.redirect(303, `${req.space!.pathPrefix}/p/share/${opened.share.token}`)
  })
  r.get('/share/:token/download', (req, res) => {
    const s = deps.sharesFor(req)
    const opened = openShare(s, String(req.params.token), sessionOf(req))
    if (opened.needsPassword) return res.redirect(303, `${req.space!.pathPrefix}/p/share/${opened.share.token}`)
    const node = nodeInShare(s, opened.root, sub(req))
    if (node.isDir) throw new NotFound('Folders are downloaded file by file.')
    res.setHeader('Content-Type', node.contentType ?? 'application/octet-stream')
    res.setHeader('Content-Length', String(node.size))
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(node.name)}`)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Cache-Control', 'no-store')
    const stream = deps.storeFor(req).openRead(node.owner, node.path)
    stream.on('error', (err) => res.destroy(err))
    stream.pipe(res)
  })
  return r
}
