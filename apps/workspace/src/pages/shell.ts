import type { ShellState } from '@maison/ui-shell'
import { escapeHtml, initialStateValue } from './html.ts'
import { safeColors, themeCss } from './colors.ts'
import { ASSET_BASE, entryAssets, loadManifest, type Manifest } from './manifest.ts'
import { translate, type Language } from './messages.ts'

/** What the server knows when it answers a page request. */
export interface ShellInput extends ShellState {
  requestToken: string
  /** Manifest entry to load: the app folder name (`workspace` for the shell itself). */
  entry: string
}

export interface RenderOptions {
  manifest?: Manifest
  assetBase?: string
}

const TITLES: Record<ShellState['page'], string> = {
  login: 'Log in',
  reset: 'Reset your password',
  invite: 'Join {space}',
  settings: 'Settings',
  app: '',
}

function pageTitle(input: ShellInput): string {
  const lang = input.language
  const appName = input.page === 'app' ? input.apps.find((a) => a.id === input.app)?.name : undefined
  const head = appName ?? (TITLES[input.page] ? translate(lang, TITLES[input.page], { space: input.space.name }) : '')
  return head ? `${head} – ${input.space.name}` : input.space.name
}

/** A house in the primary colour, used as favicon until the association uploads a logo. */
function defaultIcon(primary: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="${primary}" d="M12 3 2 12h3v8h5v-6h4v6h5v-8h3z"/></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

/** Renders the HTML document that boots a Vue entry with the shell's initial state. Pure apart from the cached manifest read. */
export function renderShell(input: ShellInput, options: RenderOptions = {}): string {
  const lang: Language = input.language === 'fr' ? 'fr' : 'en'
  const colors = safeColors(input.space.colors)
  const assets = entryAssets(options.manifest ?? loadManifest(), input.entry, options.assetBase ?? ASSET_BASE)
  const state: ShellState = {
    space: { ...input.space, colors },
    user: input.user,
    apps: input.apps,
    language: lang,
    page: input.page,
    app: input.app,
    token: input.token,
  }
  const icon = input.space.logoUrl ?? defaultIcon(colors.primary)
  const noscript = translate(lang, 'This page needs JavaScript. Please enable it in your browser and reload the page.')
  const lines = [
    '<!DOCTYPE html>',
    `<html lang="${lang}" data-locale="${lang}">`,
    `<head data-requesttoken="${escapeHtml(input.requestToken)}">`,
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(pageTitle(input))}</title>`,
    `<link rel="icon" href="${escapeHtml(icon)}">`,
    `<style>${themeCss(colors)}</style>`,
    ...assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...assets.preloads.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`),
    `<script type="module" src="${escapeHtml(assets.script)}"></script>`,
    '</head>',
    `<body data-page="${escapeHtml(input.page)}">`,
    `<input type="hidden" id="initial-state-maison-shell" value="${initialStateValue(state)}">`,
    // @nextcloud/vue names the instance in page titles after the theming capability ("Nextcloud" otherwise).
    `<input type="hidden" id="initial-state-core-capabilities" value="${initialStateValue({ theming: { name: input.space.name } })}">`,
    `<noscript><p class="maison-noscript">${escapeHtml(noscript)}</p></noscript>`,
    // NcContent teleports its keyboard-help links here, as into a Nextcloud server's header.
    '<div id="skip-actions" class="vue-skip-actions"></div>',
    '<div id="maison-app"></div>',
    '</body>',
    '</html>',
  ]
  return lines.join('\n')
}
