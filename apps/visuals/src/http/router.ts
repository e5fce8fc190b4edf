import type { Router, Request } from 'express'
import { mountRender } from './render/router.ts'
import { mountTemplates } from './templates/router.ts'
import type { BrandKit } from '../domain/brand-kit.ts'
import type { TemplateCatalogue } from '../domain/catalogue.ts'
import type { Renderer } from '../domain/render-visual.ts'

export interface VisualsHttpDeps {
  catalogue: TemplateCatalogue
  renderer: Renderer
  /** The brand kit of the request's space. */
  kitFor: (req: Request) => BrandKit
}

/** Mounts the visuals API on the router the workspace gives the app (at /s/{space}/apps/visuals/api/). */
export function mountVisualsApi(router: Router, deps: VisualsHttpDeps): void {
  mountTemplates(router, deps)
  mountRender(router, deps)
}
