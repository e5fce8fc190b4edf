export { renderShell, type ShellInput, type RenderOptions } from './shell.ts'
export { renderErrorPage, type ErrorPageInput } from './errorPage.ts'
export { loadManifest, entryAssets, ASSET_BASE, type Manifest, type EntryAssets } from './manifest.ts'
export { escapeHtml, initialStateValue } from './html.ts'
