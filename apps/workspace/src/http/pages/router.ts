import { Router, type Request, type Response } from 'express'
import type { AppDefinition } from '@maison/app-contract'
import type { ShellPage, ShellUser, ShellApp } from '@maison/ui-shell'
import { renderShell } from '../../pages/index.ts'
import { SpaceSettingsStore } from '../../spaces/settings.ts'
import type { SpaceRegistry } from '../../spaces/registry.ts'
import { pickLanguage } from '../language.ts'

export interface PagesDeps {
  registry: SpaceRegistry
  apps: readonly AppDefinition[]
  enabledApps: (req: Request) => readonly AppDefinition[]
  sessionInfo: (req: Request, res: Response) => { requestToken: string }
  currentUser: (req: Request) => ShellUser | null
}

/** The HTML pages of a space: each one is the shell document booting a Vue entry. */
export function createPagesRouter(deps: PagesDeps): Router {
  const router = Router()

  const render = (req: Request, res: Response, page: ShellPage, app: string | null, token: string | null) => {
    const space = req.space!
    const record = deps.registry.get(space.slug)!
    const { colors, logoType } = new SpaceSettingsStore(space.db).appearance()
    const language = pickLanguage(req)
    const user = deps.currentUser(req)
    const apps: ShellApp[] = user
      ? deps.enabledApps(req).filter((a) => a.ui).map((a) => ({
          id: a.id, name: a.name[language], icon: a.icon, url: `${space.pathPrefix}/apps/${a.id}/`,
        }))
      : []
    const entry = app && app !== 'files' && app !== 'calendar' ? app : 'workspace'
    res.setHeader('Cache-Control', 'no-store')
    res.type('html').send(
      renderShell({
        requestToken: deps.sessionInfo(req, res).requestToken,
        entry,
        space: { slug: space.slug, name: record.name, colors, logoUrl: logoType ? `${space.pathPrefix}/logo` : null, baseUrl: space.baseUrl, pathPrefix: space.pathPrefix },
        user, apps, language, page, app, token,
      }),
    )
  }

  const toLogin = (req: Request, res: Response) => res.redirect(303, `${req.space!.pathPrefix}/login?redirect_url=${encodeURIComponent(req.originalUrl)}`)

  router.get('/', (req, res) => {
    res.redirect(303, `${req.space!.pathPrefix}/${req.principal ? 'apps/files/' : 'login'}`)
  })
  router.get('/login', (req, res) => (req.principal ? res.redirect(303, `${req.space!.pathPrefix}/apps/files/`) : render(req, res, 'login', null, null)))
  router.get('/reset/:token', (req, res) => render(req, res, 'reset', null, String(req.params.token)))
  router.get('/invite/:token', (req, res) => render(req, res, 'invite', null, String(req.params.token)))
  router.get(['/settings', '/settings/*rest'], (req, res) => (req.principal ? render(req, res, 'settings', null, null) : toLogin(req, res)))
  router.get(['/apps/:app', '/apps/:app/*rest'], (req, res, next) => {
    const app = deps.enabledApps(req).find((a) => a.id === req.params.app && a.ui)
    if (!app) return next()
    if (!req.principal) return toLogin(req, res)
    // One canonical URL per app root so relative links inside the app resolve.
    if (req.path === `/apps/${app.id}`) return res.redirect(301, `${req.space!.pathPrefix}/apps/${app.id}/`)
    render(req, res, 'app', app.id, null)
  })
  return router
}
