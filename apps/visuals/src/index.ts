import type { AppDefinition } from '@maison/app-contract'
import { loadShippedCatalogue, type TemplateCatalogue } from './domain/catalogue.ts'
import { DEFAULT_BRAND_KIT } from './domain/brand-kit.ts'
import { RenderPool } from './render/pool.ts'
import { mountVisualsApi } from './http/router.ts'
import { migrations } from './storage/migrations.ts'

export { renderSvg, layoutSvg } from './domain/render-svg.ts'
export { sanitizeSvg } from './domain/svg/sanitize.ts'
export { loadShippedCatalogue } from './domain/catalogue.ts'
export { RenderPool } from './render/pool.ts'
export type { BrandKit } from './domain/brand-kit.ts'

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="currentColor" d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm1 2v10.6l3.8-3.8 3 3 4.2-5.2 3 3.7V5H5Zm3.5 1.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z"/></svg>'

// One pool and one catalogue per process, made on first mount: render processes are costly and every space shares them.
let pool: RenderPool | null = null
let catalogue: TemplateCatalogue | null = null

const visuals: AppDefinition = {
  id: 'visuals',
  name: { en: 'Visuals', fr: 'Visuels' },
  icon: ICON,
  order: 40,
  defaultEnabled: true,
  migrations,
  routes(router) {
    pool ??= new RenderPool()
    catalogue ??= loadShippedCatalogue()
    // Brand kits are not stored yet: every space gets the default kit until the kit editor lands.
    mountVisualsApi(router, { catalogue, renderer: pool, kitFor: () => DEFAULT_BRAND_KIT })
  },
  ui: true,
}

export default visuals
