import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AppDefinition } from '@maison/app-contract'
import { SHARED_MESSAGES } from '@maison/errors'

/** The Files app is built into the workspace: its server side is the DAV core and the files API. */
export const filesApp: AppDefinition = {
  id: 'files',
  name: { en: 'Files', fr: 'Fichiers' },
  icon: '<svg viewBox="0 0 24 24"><path d="M10 4H4c-1.1 0-2 .9-2 2v12c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V8c0-1.1-.9-2-2-2h-8l-2-2z"/></svg>',
  order: 10,
  defaultEnabled: true,
  migrations: [],
  ui: true,
}

/** The Calendar app is built into the workspace: its server side is CalDAV and the calendars API. */
export const calendarApp: AppDefinition = {
  id: 'calendar',
  name: { en: 'Calendar', fr: 'Agenda' },
  icon: '<svg viewBox="0 0 24 24"><path d="M19 3h-1V1h-2v2H8V1H6v2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2zm0 16H5V8h14v11zM7 10h5v5H7z"/></svg>',
  order: 20,
  defaultEnabled: true,
  migrations: [],
  ui: true,
}

/** Apps of the workspace itself: always on in every space. */
export const BUILT_IN_APP_IDS: ReadonlySet<string> = new Set(['files', 'calendar'])

/**
 * Finds the installed apps: every `apps/*` package whose package.json says `"maison": { "app": true }`
 * exports an AppDefinition by default. Adding an app never touches the workspace's code.
 */
export async function loadApps(appsDir: string): Promise<AppDefinition[]> {
  const found: AppDefinition[] = [filesApp, calendarApp]
  for (const dir of fs.readdirSync(appsDir).sort()) {
    const pkgFile = path.join(appsDir, dir, 'package.json')
    if (!fs.existsSync(pkgFile)) continue
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { maison?: { app?: boolean } }
    if (!pkg.maison?.app) continue
    const mod = (await import(pathToFileURL(path.join(appsDir, dir, 'src', 'index.ts')).href)) as { default: AppDefinition }
    found.push(mod.default)
  }
  const ids = found.map((a) => a.id)
  if (new Set(ids).size !== ids.length) throw new Error(`two apps share an id: ${ids.join(', ')}`)
  return found.sort((a, b) => a.order - b.order)
}

/** Where the French of error messages lives: `l10n/errors-fr.json` of packages/errors and of every app that has one. */
export function errorMessageFiles(repoRoot: string): string[] {
  const appsDir = path.join(repoRoot, 'apps')
  return [
    SHARED_MESSAGES,
    ...fs.readdirSync(appsDir).sort().map((dir) => path.join(appsDir, dir, 'l10n/errors-fr.json')),
  ]
}
