import { createApp, type Component } from 'vue'
import { createPinia } from 'pinia'
import type { Router } from 'vue-router'
import { registerCatalogue, type Catalogue } from './l10n.ts'
import shellFr from '../l10n/fr.json'
import '@nextcloud/dialogs/style.css'
import './theme.css'

export interface StartOptions {
  /** Catalogues of the app, by language, registered under the app's id. */
  catalogues: Partial<Record<string, Catalogue>>
  appId: string
  router?: Router
}

/** Registers the translations, then mounts `root` with Pinia (and the router) into #maison-app. */
export function startApp(root: Component, options: StartOptions): void {
  // Shell strings live under the 'maison' id; registering merges, so an app may share the id.
  registerCatalogue('maison', { fr: shellFr as Catalogue })
  registerCatalogue(options.appId, options.catalogues)
  const app = createApp(root)
  app.use(createPinia())
  if (options.router) app.use(options.router)
  app.mount('#maison-app')
}
